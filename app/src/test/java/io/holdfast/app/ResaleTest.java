package io.holdfast.app;

import io.holdfast.contracts.core.Availability;
import io.holdfast.contracts.core.AvailabilityRequest;
import io.holdfast.contracts.core.CoreBus;
import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.core.grid.GridMaps;
import io.holdfast.core.restore.InventoryRestoreVerticle;
import io.holdfast.testkit.EventBody;
import io.holdfast.testkit.EventLoad;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Refunded seats")
class ResaleTest extends DoorTestBase {
  private static final int CAPACITY = 7;

  /** Reserved section A (one row of 4) and general admission G (3). */
  private String publish() {
    JsonObject body = EventBody.named("Second-chance night")
        .startsIn(Duration.ofDays(2), Duration.ofHours(2)).maxPerBuyer(6)
        .reserved("A", 5000, EventLoad.row("1", 4)).general("G", 2000, 3).json();
    return org.onSale(organizer, body);
  }

  /** The buyer holds what {@code hold} asks for and pays; answers the confirmed order's ID. */
  private String buy(String buyer, String eventId, JsonObject hold) {
    HttpResponse<Buffer> held = Api.await(api.hold(buyer, eventId, hold,
        UUID.randomUUID().toString()));
    assertThat(held.statusCode()).as(held.bodyAsString()).isEqualTo(201);
    String holdId = held.bodyAsJsonObject().getString("holdId");
    HttpResponse<Buffer> checkout = Api.await(api.request(HttpMethod.POST,
        "/v1/holds/" + holdId + "/checkout", buyer).putHeader("Idempotency-Key", holdId).send());
    assertThat(checkout.statusCode()).as(checkout.bodyAsString()).isEqualTo(201);
    String paymentId = checkout.bodyAsJsonObject().getString("paymentId");
    assertThat(api.call(HttpMethod.POST, "/v1/payments/" + paymentId + "/simulate", buyer,
        new JsonObject().put("outcome", "succeeded")).statusCode()).isEqualTo(202);
    assertThat(Api.eventually(Duration.ofSeconds(20), () -> api.count("select count(*) from "
        + "orders where payment_id = $1::uuid and status = 'confirmed'", paymentId) == 1))
        .isTrue();
    return Api.await(api.sql.preparedQuery("select id from orders where payment_id = $1")
            .execute(io.vertx.sqlclient.Tuple.of(UUID.fromString(paymentId))))
        .iterator().next().getUUID("id").toString();
  }

  private static JsonObject seats(String... seats) {
    return new JsonObject().put("seats", new JsonArray(List.of(seats)));
  }

  private static JsonObject general(int quantity) {
    return new JsonObject().put("section", "G").put("quantity", quantity);
  }

  private void refund(String orderId) {
    HttpResponse<Buffer> r = api.call(HttpMethod.POST, "/v1/orders/" + orderId + "/refund",
        organizer, null);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(202);
  }

  /** The core's counts, read on the event bus: a cancelled event's are not public. */
  private JsonObject coreCounts(String eventId) {
    return Api.await(CoreBus.request(api.platform.vertx(), AvailabilityRequest.of(eventId))
        .map(Availability::toJson));
  }

  private static String row(JsonObject counts) {
    return counts.getJsonArray("sections").getJsonObject(0).getJsonArray("rows")
        .getJsonObject(0).getString("seats");
  }

  @Test
  @DisplayName("go back on sale after an organizer's refund, survive a cold start as free, and "
      + "are bought by someone else: seats and general admission alike")
  void refundedSeatsAreSoldAgain() {
    String eventId = publish();
    List<String> buyers = api.buyers(2);
    String seated = buy(buyers.get(0), eventId, seats("A-1-2", "A-1-3"));
    String standing = buy(buyers.get(0), eventId, general(3));
    JsonObject soldOut = api.availability(eventId);
    assertThat(soldOut.getInteger("sold")).isEqualTo(5);
    assertThat(row(soldOut)).isEqualTo("fssf");
    assertSound(eventId, CAPACITY);

    refund(seated);
    refund(standing);
    assertThat(Api.eventually(Duration.ofSeconds(20),
        () -> api.availability(eventId).getInteger("sold") == 0)).isTrue();
    JsonObject returned = api.availability(eventId);
    assertThat(returned.getInteger("available")).isEqualTo(CAPACITY);
    assertThat(row(returned)).isEqualTo("ffff");
    assertSound(eventId, CAPACITY);

    // The whole grid restarts: the rebuild from PostgreSQL does not sell refunded seats again.
    for (String map : List.of(GridMaps.INVENTORY, GridMaps.BOOKS_MAP, GridMaps.EVENTS)) {
      api.platform.hazelcast().getMap(map).clear();
    }
    Api.await(api.platform.vertx().deployVerticle(InventoryRestoreVerticle::new,
        new DeploymentOptions().setConfig(api.platform.config())));
    assertThat(api.availability(eventId).getInteger("sold")).isZero();
    assertThat(row(api.availability(eventId))).isEqualTo("ffff");

    String resold = buy(buyers.get(1), eventId, seats("A-1-2", "A-1-3"));
    buy(buyers.get(1), eventId, general(3));
    assertThat(tickets(buyers.get(1), resold)).extracting(t -> t.getString("seat"))
        .containsExactlyInAnyOrder("A-1-2", "A-1-3");
    JsonObject again = api.availability(eventId);
    assertThat(again.getInteger("sold")).isEqualTo(5);
    assertThat(row(again)).isEqualTo("fssf");
    assertSound(eventId, CAPACITY);
  }

  @Test
  @DisplayName("of a cancelled event stay off sale")
  void cancelledEventKeepsSeatsOffSale() {
    String eventId = publish();
    String buyer = api.buyers(1).get(0);
    buy(buyer, eventId, seats("A-1-1"));
    buy(buyer, eventId, general(2));
    assertThat(api.call(HttpMethod.POST, "/v1/events/" + eventId + "/cancel", organizer, null)
        .statusCode()).isEqualTo(200);
    assertThat(Api.eventually(Duration.ofSeconds(20), () -> api.count("select count(*) from "
        + "orders where event_id = $1::uuid and status = 'refunded'", eventId) == 2)).isTrue();
    JsonObject counts = coreCounts(eventId);
    assertThat(counts.getInteger("sold")).isEqualTo(3);
    assertThat(row(counts)).isEqualTo("sfff");
    assertThat(counts.getInteger("sold") + counts.getInteger("held")
        + counts.getInteger("available")).isEqualTo(CAPACITY);
  }
}
