package io.holdfast.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A general-admission on-sale, end to end")
class OnSaleTest extends ApiTestBase {
  @Test
  @DisplayName("1,000 buyers racing for 100 tickets over 4 shards get exactly 100 holds and 900 sold-out answers")
  void raceSellsExactlyTheCapacity() {
    String eventId = api.onSaleEvent(api.organizer(), 100, 300, 4);
    List<String> buyers = api.buyers(1000);
    List<Future<HttpResponse<Buffer>>> race = new ArrayList<>();
    for (String token : buyers) {
      race.add(api.hold(token, eventId, new JsonObject().put("section", "GA").put("quantity", 1),
          UUID.randomUUID().toString()));
    }
    Api.await(Future.join(race));

    int held = 0;
    int soldOut = 0;
    Set<String> holdIds = new HashSet<>();
    for (Future<HttpResponse<Buffer>> f : race) {
      HttpResponse<Buffer> r = f.result();
      if (r.statusCode() == 201) {
        held++;
        holdIds.add(r.bodyAsJsonObject().getString("holdId"));
      } else {
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(409);
        assertThat(r.getHeader("Content-Type")).isEqualTo("application/problem+json");
        assertThat(r.bodyAsJsonObject().getString("type")).endsWith("/sold-out");
        soldOut++;
      }
    }
    assertThat(held).isEqualTo(100);
    assertThat(holdIds).hasSize(100);
    assertThat(soldOut).isEqualTo(900);
    JsonObject counts = api.availability(eventId);
    assertThat(counts.getInteger("held")).isEqualTo(100);
    assertThat(counts.getInteger("available")).isZero();
    assertThat(counts.getInteger("sold")).isZero();
  }

  @Test
  @DisplayName("paid holds become orders with tickets, lapsed holds return to sale, and the counts add up")
  void payingAndLapsing() {
    String eventId = api.onSaleEvent(api.organizer(), 40, 4, 2);
    List<String> buyers = api.buyers(40);
    List<String> holds = new ArrayList<>();
    for (String token : buyers) {
      HttpResponse<Buffer> r = Api.await(api.hold(token, eventId,
          new JsonObject().put("section", "GA").put("quantity", 1), UUID.randomUUID().toString()));
      assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
      holds.add(r.bodyAsJsonObject().getString("holdId"));
    }
    assertThat(api.availability(eventId).getInteger("available")).isZero();

    // The first 25 pay at once; the other 15 let their holds lapse.
    List<Future<HttpResponse<Buffer>>> payments = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      String token = buyers.get(i);
      payments.add(api.request(HttpMethod.POST, "/v1/holds/" + holds.get(i) + "/checkout", token)
          .putHeader("Idempotency-Key", "checkout-" + holds.get(i)).send()
          .compose(checkout -> {
            assertThat(checkout.statusCode()).as(checkout.bodyAsString()).isEqualTo(201);
            String paymentId = checkout.bodyAsJsonObject().getString("paymentId");
            return api.request(HttpMethod.POST, "/v1/payments/" + paymentId + "/simulate", token)
                .sendJsonObject(new JsonObject().put("outcome", "succeeded"));
          }));
    }
    for (HttpResponse<Buffer> r : Api.await(Future.all(payments)).<HttpResponse<Buffer>>list()) {
      assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(202);
    }

    assertThat(Api.eventually(Duration.ofSeconds(30), () ->
        api.count("select count(*) from tickets where event_id = $1::uuid and status = 'valid'",
            eventId) + api.count("select count(*) from orders where event_id = $1::uuid "
            + "and status = 'refunded'", eventId) == 25)).isTrue();
    // The lapsed holds come back to sale: the expiry-worker frees them, and the core treats
    // a lapsed hold as free in any case.
    assertThat(Api.eventually(Duration.ofSeconds(20), () ->
        api.availability(eventId).getInteger("held") == 0)).isTrue();

    long tickets = api.count("select count(*) from tickets where event_id = $1::uuid "
        + "and status = 'valid'", eventId);
    JsonObject counts = api.availability(eventId);
    assertThat(counts.getInteger("sold")).isEqualTo((int) tickets);
    assertThat(counts.getInteger("sold") + counts.getInteger("held")
        + counts.getInteger("available")).isEqualTo(40);
    assertThat(tickets).isEqualTo(api.count("select count(distinct slot) from tickets "
        + "where event_id = $1::uuid and status = 'valid'", eventId));

    // A buyer's order is visible through the API.
    HttpResponse<Buffer> orders = api.call(HttpMethod.GET, "/v1/orders", buyers.get(0), null);
    assertThat(orders.statusCode()).isEqualTo(200);
    JsonObject first = orders.bodyAsJsonObject().getJsonArray("items").getJsonObject(0);
    assertThat(first.getString("eventId")).isEqualTo(eventId);
    HttpResponse<Buffer> order = api.call(HttpMethod.GET, "/v1/orders/"
        + first.getString("orderId"), buyers.get(0), null);
    assertThat(order.bodyAsJsonObject().getJsonArray("tickets")).hasSize(
        "confirmed".equals(first.getString("status")) ? 1 : 0);

    // What lapsed can be bought again by new buyers.
    int free = counts.getInteger("available");
    int again = 0;
    for (String token : api.buyers(free + 3)) {
      int status = Api.await(api.hold(token, eventId, new JsonObject().put("section", "GA")
          .put("quantity", 1), UUID.randomUUID().toString())).statusCode();
      again += status == 201 ? 1 : 0;
    }
    assertThat(again).isEqualTo(free);
    JsonObject after = api.availability(eventId);
    assertThat(after.getInteger("sold") + after.getInteger("held")
        + after.getInteger("available")).isEqualTo(40);
    assertThat(after.getInteger("available")).isZero();
  }

  @Test
  @DisplayName("a hold larger than any one shard is taken across shards, and one that cannot be covered takes nothing")
  void holdsSpanShards() {
    String eventId = api.onSaleEvent(api.organizer(), 100, 300, 100);
    List<String> buyers = api.buyers(3);
    JsonObject thirty = new JsonObject().put("section", "GA").put("quantity", 30);
    assertThat(Api.await(api.hold(buyers.get(0), eventId, thirty, "a")).statusCode())
        .isEqualTo(201);
    HttpResponse<Buffer> tooMany = Api.await(api.hold(buyers.get(1), eventId,
        new JsonObject().put("section", "GA").put("quantity", 71), "b"));
    assertThat(tooMany.statusCode()).isEqualTo(409);
    assertThat(tooMany.bodyAsJsonObject().getString("type")).endsWith("/sold-out");
    JsonObject counts = api.availability(eventId);
    assertThat(counts.getInteger("held")).isEqualTo(30);
    assertThat(counts.getInteger("available")).isEqualTo(70);
    assertThat(Api.await(api.hold(buyers.get(2), eventId,
        new JsonObject().put("section", "GA").put("quantity", 70), "c")).statusCode())
        .isEqualTo(201);
    assertThat(api.availability(eventId).getInteger("available")).isZero();
  }
}
