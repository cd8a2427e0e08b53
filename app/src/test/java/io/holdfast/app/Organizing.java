package io.holdfast.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.testkit.EventBody;
import io.holdfast.testkit.http.ProblemAssert;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** What the organizer-side tests do over and over: events to edit, and tickets bought. */
final class Organizing {
  private final Api api;

  Organizing(Api api) {
    this.api = api;
  }

  /** A valid event body: starts in 10 days, on sale since a minute ago, one GA section. */
  static JsonObject body(String name, int capacity) {
    return EventBody.named(name, Instant.now().truncatedTo(ChronoUnit.SECONDS))
        .put("description", "An evening of tests").put("category", "music")
        .put("venue", "The Loopback Arena").general("GA", 2500, capacity).json();
  }

  /** Creates a draft; answers it as the API did. */
  JsonObject draft(String token, JsonObject body) {
    HttpResponse<Buffer> created = api.call(HttpMethod.POST, "/v1/events", token, body);
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    return created.bodyAsJsonObject();
  }

  /** Creates and publishes an event; answers its ID. */
  String onSale(String token, JsonObject body) {
    String id = draft(token, body).getString("id");
    HttpResponse<Buffer> published = api.call(HttpMethod.POST, "/v1/events/" + id + "/publish",
        token, null);
    assertThat(published.statusCode()).as(published.bodyAsString()).isEqualTo(200);
    return id;
  }

  HttpResponse<Buffer> patch(String token, String eventId, JsonObject patch) {
    return api.call(HttpMethod.PATCH, "/v1/events/" + eventId, token, patch);
  }

  HttpResponse<Buffer> hold(String buyer, String eventId, int quantity) {
    return Api.await(api.hold(buyer, eventId, new JsonObject().put("section", "GA")
        .put("quantity", quantity), UUID.randomUUID().toString()));
  }

  /**
   * Waits until holds are refused with 403 sales-closed. Each core batcher keeps an event for up
   * to a second, so the first refusal comes within that second, and after it every one; answers
   * how many holds were still taken meanwhile.
   */
  int awaitSalesClosed(String buyer, String eventId) {
    long changed = System.nanoTime();
    int[] taken = {0};
    assertThat(Api.eventually(Duration.ofSeconds(5), () -> {
      int status = hold(buyer, eventId, 1).statusCode();
      taken[0] += status == 201 ? 1 : 0;
      return status == 403 && System.nanoTime() - changed > 1_200_000_000L;
    })).isTrue();
    for (int i = 0; i < 4; i++) {
      ProblemAssert.assertProblem(hold(buyer, eventId, 1), 403, "sales-closed");
    }
    return taken[0];
  }

  /** The buyer holds, checks out and pays; answers the order once the payment-worker made it. */
  String buy(String buyer, String eventId, int quantity) {
    return buy(buyer, eventId, new JsonObject().put("section", "GA").put("quantity", quantity));
  }

  /** The same with any hold body, such as exact seats ({@code {"seats": [...]}}). */
  String buy(String buyer, String eventId, JsonObject holdBody) {
    HttpResponse<Buffer> hold = Api.await(api.hold(buyer, eventId, holdBody,
        UUID.randomUUID().toString()));
    assertThat(hold.statusCode()).as(hold.bodyAsString()).isEqualTo(201);
    String holdId = hold.bodyAsJsonObject().getString("holdId");
    HttpResponse<Buffer> checkout = Api.await(api.request(HttpMethod.POST,
        "/v1/holds/" + holdId + "/checkout", buyer).putHeader("Idempotency-Key", holdId).send());
    assertThat(checkout.statusCode()).as(checkout.bodyAsString()).isEqualTo(201);
    String paymentId = checkout.bodyAsJsonObject().getString("paymentId");
    HttpResponse<Buffer> paid = api.call(HttpMethod.POST, "/v1/payments/" + paymentId
        + "/simulate", buyer, new JsonObject().put("outcome", "succeeded"));
    assertThat(paid.statusCode()).as(paid.bodyAsString()).isEqualTo(202);
    assertThat(Api.eventually(Duration.ofSeconds(20), () -> api.count(
        "select count(*) from orders where payment_id = $1::uuid", paymentId) == 1)).isTrue();
    RowSet<Row> order = Api.await(api.sql.preparedQuery("select id from orders "
        + "where payment_id = $1").execute(Tuple.of(UUID.fromString(paymentId))));
    return order.iterator().next().getUUID("id").toString();
  }

  /** The event as its organizer sees it. */
  JsonObject event(String token, String eventId) {
    HttpResponse<Buffer> r = api.call(HttpMethod.GET, "/v1/events/" + eventId, token, null);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    return r.bodyAsJsonObject();
  }
}
