package io.holdfast.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Retries never take a second hold or make a second order")
class IdempotencyTest extends ApiTestBase {
  @Test
  @DisplayName("the same hold sent twice with one Idempotency-Key takes one hold and answers twice the same")
  void holdReplay() {
    String eventId = api.onSaleEvent(api.organizer(), 10, 300, 4);
    String buyer = api.buyers(1).get(0);
    JsonObject body = new JsonObject().put("section", "GA").put("quantity", 2);
    HttpResponse<Buffer> first = Api.await(api.hold(buyer, eventId, body, "same-key"));
    HttpResponse<Buffer> second = Api.await(api.hold(buyer, eventId, body, "same-key"));
    assertThat(first.statusCode()).as(first.bodyAsString()).isEqualTo(201);
    assertThat(second.statusCode()).isEqualTo(201);
    assertThat(second.bodyAsJsonObject()).isEqualTo(first.bodyAsJsonObject());
    assertThat(second.getHeader("Idempotent-Replayed")).isEqualTo("true");
    assertThat(api.availability(eventId).getInteger("held")).isEqualTo(2);

    HttpResponse<Buffer> reused = Api.await(api.hold(buyer, eventId,
        body.copy().put("quantity", 1), "same-key"));
    assertThat(reused.statusCode()).isEqualTo(422);
    assertThat(reused.bodyAsJsonObject().getString("type")).endsWith("/idempotency-key-reused");
    assertThat(api.availability(eventId).getInteger("held")).isEqualTo(2);
  }

  @Test
  @DisplayName("a repeat after the hold was released still answers the first answer, and takes nothing")
  void replayAfterRelease() {
    String eventId = api.onSaleEvent(api.organizer(), 10, 300, 4);
    String buyer = api.buyers(1).get(0);
    JsonObject body = new JsonObject().put("section", "GA").put("quantity", 3);
    HttpResponse<Buffer> first = Api.await(api.hold(buyer, eventId, body, "release-then-retry"));
    assertThat(first.statusCode()).as(first.bodyAsString()).isEqualTo(201);
    String holdId = first.bodyAsJsonObject().getString("holdId");
    assertThat(api.call(HttpMethod.DELETE, "/v1/holds/" + holdId, buyer, null).statusCode())
        .isEqualTo(204);

    HttpResponse<Buffer> again = Api.await(api.hold(buyer, eventId, body, "release-then-retry"));
    assertThat(again.statusCode()).isEqualTo(201);
    assertThat(again.bodyAsString()).isEqualTo(first.bodyAsString());
    assertThat(again.getHeader("Location")).isEqualTo(first.getHeader("Location"));
    assertThat(again.getHeader("Idempotent-Replayed")).isEqualTo("true");
    assertThat(api.availability(eventId).getInteger("held")).isZero();
  }

  @Test
  @DisplayName("ten concurrent copies of one hold request take one hold")
  void concurrentCopies() {
    String eventId = api.onSaleEvent(api.organizer(), 10, 300, 4);
    String buyer = api.buyers(1).get(0);
    JsonObject body = new JsonObject().put("section", "GA").put("quantity", 1);
    java.util.List<Future<HttpResponse<Buffer>>> copies = new java.util.ArrayList<>();
    for (int i = 0; i < 10; i++) {
      copies.add(api.hold(buyer, eventId, body, "burst"));
    }
    Api.await(Future.join(copies));
    for (Future<HttpResponse<Buffer>> f : copies) {
      assertThat(f.result().statusCode()).isIn(201, 409);
    }
    assertThat(api.availability(eventId).getInteger("held")).isEqualTo(1);
  }

  @Test
  @DisplayName("paying twice for one hold makes one order")
  void payTwice() {
    String eventId = api.onSaleEvent(api.organizer(), 10, 300, 4);
    String buyer = api.buyers(1).get(0);
    String holdId = Api.await(api.hold(buyer, eventId, new JsonObject().put("section", "GA")
        .put("quantity", 3), "k")).bodyAsJsonObject().getString("holdId");
    HttpResponse<Buffer> checkout1 = Api.await(api.request(HttpMethod.POST, "/v1/holds/" + holdId
        + "/checkout", buyer).putHeader("Idempotency-Key", "c1").send());
    HttpResponse<Buffer> checkout2 = Api.await(api.request(HttpMethod.POST, "/v1/holds/" + holdId
        + "/checkout", buyer).putHeader("Idempotency-Key", "c2").send());
    assertThat(checkout1.statusCode()).isEqualTo(201);
    String paymentId = checkout1.bodyAsJsonObject().getString("paymentId");
    assertThat(checkout2.bodyAsJsonObject().getString("paymentId")).isEqualTo(paymentId);

    JsonObject succeeded = new JsonObject().put("outcome", "succeeded");
    assertThat(api.call(HttpMethod.POST, "/v1/payments/" + paymentId + "/simulate", buyer,
        succeeded).statusCode()).isEqualTo(202);
    HttpResponse<Buffer> again = api.call(HttpMethod.POST, "/v1/payments/" + paymentId
        + "/simulate", buyer, succeeded);
    assertThat(again.statusCode()).isEqualTo(409);

    assertThat(Api.eventually(Duration.ofSeconds(20), () -> api.count(
        "select count(*) from orders where hold_id = $1::uuid", holdId) == 1)).isTrue();
    assertThat(Api.eventually(Duration.ofSeconds(10), () -> "succeeded".equals(api.call(
        HttpMethod.GET, "/v1/payments/" + paymentId, buyer, null).bodyAsJsonObject()
        .getString("status")))).isTrue();
    assertThat(api.count("select count(*) from tickets t join orders o on o.id = t.order_id "
        + "where o.hold_id = $1::uuid", holdId)).isEqualTo(3);
    HttpResponse<Buffer> tickets = api.call(HttpMethod.GET, "/v1/tickets", buyer, null);
    assertThat(tickets.bodyAsJsonObject().getJsonArray("items")).hasSize(3);
    JsonObject counts = api.availability(eventId);
    assertThat(counts.getInteger("sold")).isEqualTo(3);
    assertThat(counts.getInteger("held")).isZero();
  }
}
