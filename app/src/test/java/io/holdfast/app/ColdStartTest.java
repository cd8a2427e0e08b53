package io.holdfast.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.testkit.EventBody;
import io.holdfast.testkit.EventLoad;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A cold start of the whole grid")
class ColdStartTest extends OrganizerTestBase {
  private String publish(String organizer) {
    JsonObject body = EventBody.named("Cold " + UUID.randomUUID())
        .startsIn(Duration.ofDays(2), Duration.ofHours(2)).maxPerBuyer(3)
        .reserved("A", 5000, EventLoad.row("1", 6), EventLoad.row("2", 6))
        .general("G", 2000, 100).json();
    String id = api.call(HttpMethod.POST, "/v1/events", organizer, body).bodyAsJsonObject()
        .getString("id");
    assertThat(api.call(HttpMethod.POST, "/v1/events/" + id + "/publish", organizer, null)
        .statusCode()).isEqualTo(200);
    return id;
  }

  private String hold(String token, String eventId, JsonObject body) {
    HttpResponse<Buffer> r = Api.await(api.hold(token, eventId, body,
        UUID.randomUUID().toString()));
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
    return r.bodyAsJsonObject().getString("holdId");
  }

  private void pay(String token, String holdId) {
    HttpResponse<Buffer> checkout = Api.await(api.request(HttpMethod.POST, "/v1/holds/" + holdId
        + "/checkout", token).putHeader("Idempotency-Key", "c-" + holdId).send());
    assertThat(checkout.statusCode()).as(checkout.bodyAsString()).isEqualTo(201);
    assertThat(Api.await(api.request(HttpMethod.POST, "/v1/payments/" + checkout
            .bodyAsJsonObject().getString("paymentId") + "/simulate", token)
        .sendJsonObject(new JsonObject().put("outcome", "succeeded"))).statusCode())
        .isEqualTo(202);
  }

  @Test
  @DisplayName("after the grid lost everything, availability equals what PostgreSQL says is "
      + "sold, lapsed and unpaid holds are free, and limits still count the tickets bought")
  void rebuildsFromPostgres() {
    String eventId = publish(organizer);
    List<String> buyers = api.buyers(4);
    String seatsHold = hold(buyers.get(0), eventId, new JsonObject()
        .put("seats", new JsonArray().add("A-1-3").add("A-1-4").add("A-2-1")));
    String gaHold = hold(buyers.get(1), eventId, new JsonObject().put("section", "G")
        .put("quantity", 2));
    String bestHold = hold(buyers.get(2), eventId, new JsonObject().put("section", "A")
        .put("quantity", 2).put("together", true));
    // Buyer 3 holds and never pays: after the cold start its seats are free.
    hold(buyers.get(3), eventId, new JsonObject().put("seats", new JsonArray().add("A-2-6")));
    pay(buyers.get(0), seatsHold);
    pay(buyers.get(1), gaHold);
    pay(buyers.get(2), bestHold);
    assertThat(Api.eventually(Duration.ofSeconds(30), () -> api.count("select count(*) from "
        + "tickets where event_id = $1::uuid and status = 'valid'", eventId) == 7)).isTrue();

    // The whole grid restarts: every map is empty. A node coming up rebuilds it.
    api.wipeGrid();
    HttpResponse<Buffer> lost = api.call(HttpMethod.GET, "/v1/events/" + eventId
        + "/availability", null, null);
    assertThat(lost.statusCode()).isEqualTo(404);
    api.rebuildGrid();

    JsonObject counts = api.availability(eventId);
    assertThat(counts.getInteger("sold")).isEqualTo(7);
    assertThat(counts.getInteger("held")).isZero();
    assertThat(counts.getInteger("capacity")).isEqualTo(112);
    Set<String> soldInPostgres = new HashSet<>();
    Api.await(api.sql.preparedQuery("select seat from tickets where event_id = $1 and "
            + "status = 'valid' and seat is not null").execute(io.vertx.sqlclient.Tuple.of(
                UUID.fromString(eventId))))
        .forEach(row -> soldInPostgres.add(row.getString("seat")));
    Set<String> soldInGrid = new HashSet<>();
    JsonObject seated = counts.getJsonArray("sections").getJsonObject(0);
    for (Object r : seated.getJsonArray("rows")) {
      JsonObject row = (JsonObject) r;
      String states = row.getString("seats");
      for (int k = 0; k < states.length(); k++) {
        assertThat(states.charAt(k)).isIn('f', 's');
        if (states.charAt(k) == 's') {
          soldInGrid.add("A-" + row.getString("label") + "-" + (k + 1));
        }
      }
    }
    assertThat(soldInGrid).hasSize(5).isEqualTo(soldInPostgres);
    JsonObject ga = counts.getJsonArray("sections").getJsonObject(1);
    assertThat(ga.getInteger("sold")).isEqualTo(2);

    // Sales go on: sold seats stay sold, the unpaid hold's seat is free, and the limit counts
    // the tickets bought before the restart.
    List<String> more = api.buyers(1);
    HttpResponse<Buffer> taken = Api.await(api.hold(more.get(0), eventId, new JsonObject()
        .put("seats", new JsonArray().add("A-1-3").add("A-2-6")), "after-1"));
    assertThat(taken.statusCode()).isEqualTo(409);
    assertThat(taken.bodyAsJsonObject().getJsonArray("unavailableSeats").getList())
        .containsExactly("A-1-3");
    hold(more.get(0), eventId, new JsonObject().put("seats", new JsonArray().add("A-2-6")));
    HttpResponse<Buffer> limit = Api.await(api.hold(buyers.get(0), eventId, new JsonObject()
        .put("section", "G").put("quantity", 1), "after-2"));
    assertThat(limit.statusCode()).as(limit.bodyAsString()).isEqualTo(429);
    JsonObject restored = api.call(HttpMethod.GET, "/v1/holds/" + seatsHold, buyers.get(0),
        null).bodyAsJsonObject();
    assertThat(restored.getString("status")).isEqualTo("confirmed");
    assertThat(restored.getJsonArray("seats").getList())
        .containsExactlyInAnyOrder("A-1-3", "A-1-4", "A-2-1");
  }
}
