package io.holdfast.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Reserved seating through the public API")
class ReservedSeatingApiTest extends OrganizerTestBase {
  private static JsonObject event(JsonArray sections) {
    Instant now = Instant.now();
    return new JsonObject().put("name", "Seated " + UUID.randomUUID())
        .put("startsAt", now.plus(Duration.ofDays(5)).toString())
        .put("endsAt", now.plus(Duration.ofDays(5)).plus(Duration.ofHours(3)).toString())
        .put("salesStartAt", now.minusSeconds(60).toString())
        .put("currency", "EUR").put("maxPerBuyer", 6).put("holdSeconds", 300)
        .put("sections", sections);
  }

  private static JsonObject reserved(String id, int rows, int seats) {
    JsonArray list = new JsonArray();
    for (int r = 1; r <= rows; r++) {
      list.add(new JsonObject().put("label", String.valueOf(r)).put("seats", seats));
    }
    return new JsonObject().put("id", id).put("kind", "reserved").put("priceCents", 4000)
        .put("rows", list);
  }

  private String publish(JsonArray sections) {
    HttpResponse<Buffer> created = api.call(HttpMethod.POST, "/v1/events", organizer,
        event(sections));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    String id = created.bodyAsJsonObject().getString("id");
    HttpResponse<Buffer> published = api.call(HttpMethod.POST, "/v1/events/" + id + "/publish",
        organizer, null);
    assertThat(published.statusCode()).as(published.bodyAsString()).isEqualTo(200);
    return id;
  }

  private static Map<String, Character> seatMap(JsonObject availability) {
    Map<String, Character> map = new HashMap<>();
    for (Object o : availability.getJsonArray("sections")) {
      JsonObject s = (JsonObject) o;
      for (Object r : s.getJsonArray("rows", new JsonArray())) {
        JsonObject row = (JsonObject) r;
        String states = row.getString("seats");
        for (int k = 0; k < states.length(); k++) {
          map.put(s.getString("sectionId") + "-" + row.getString("label") + "-" + (k + 1),
              states.charAt(k));
        }
      }
    }
    return map;
  }

  @Test
  @DisplayName("2,000 buyers racing for overlapping exact seats: all or nothing, and after "
      + "paying no seat is in two live tickets")
  void exactSeatRace() {
    String eventId = publish(new JsonArray().add(reserved("A", 3, 8)));
    JsonObject shown = api.call(HttpMethod.GET, "/v1/events/" + eventId, null, null)
        .bodyAsJsonObject();
    assertThat(shown.getJsonArray("sections").getJsonObject(0).getInteger("capacity"))
        .isEqualTo(24);
    List<String> buyers = api.buyers(2000);
    Random random = new Random(11);
    List<List<String>> asked = new ArrayList<>();
    List<Future<HttpResponse<Buffer>>> race = new ArrayList<>();
    for (String token : buyers) {
      int n = 1 + random.nextInt(3);
      int row = 1 + random.nextInt(3);
      int first = 1 + random.nextInt(9 - n);
      List<String> seats = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        seats.add("A-" + row + "-" + (first + i));
      }
      asked.add(seats);
      race.add(api.hold(token, eventId, new JsonObject().put("seats", new JsonArray(seats)),
          UUID.randomUUID().toString()));
    }
    Api.await(Future.join(race));

    Map<String, String> holder = new HashMap<>();
    Map<String, String> holdOf = new HashMap<>();
    for (int i = 0; i < race.size(); i++) {
      HttpResponse<Buffer> r = race.get(i).result();
      JsonObject body = r.bodyAsJsonObject();
      if (r.statusCode() == 201) {
        assertThat(body.getJsonArray("seats").getList()).containsExactlyElementsOf(asked.get(i));
        assertThat(body.getLong("amountCents")).isEqualTo(4000L * asked.get(i).size());
        for (String seat : asked.get(i)) {
          assertThat(holder.put(seat, buyers.get(i))).as("seat %s held twice", seat).isNull();
        }
        holdOf.put(body.getString("holdId"), buyers.get(i));
      } else {
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(409);
        assertThat(body.getString("type")).endsWith("/seats-unavailable");
        assertThat(asked.get(i)).containsAll(body.getJsonArray("unavailableSeats").getList());
      }
    }
    Map<String, Character> map = seatMap(api.availability(eventId));
    for (Map.Entry<String, Character> seat : map.entrySet()) {
      assertThat(seat.getValue()).as(seat.getKey())
          .isEqualTo(holder.containsKey(seat.getKey()) ? 'h' : 'f');
    }

    // Everyone who got seats pays for them.
    List<Future<HttpResponse<Buffer>>> payments = new ArrayList<>();
    holdOf.forEach((holdId, token) -> payments.add(api.request(HttpMethod.POST,
            "/v1/holds/" + holdId + "/checkout", token)
        .putHeader("Idempotency-Key", "checkout-" + holdId).send()
        .compose(checkout -> api.request(HttpMethod.POST, "/v1/payments/"
                + checkout.bodyAsJsonObject().getString("paymentId") + "/simulate", token)
            .sendJsonObject(new JsonObject().put("outcome", "succeeded")))));
    Api.await(Future.all(payments));
    assertThat(Api.eventually(Duration.ofSeconds(30), () -> api.count("select count(*) from "
        + "orders where event_id = $1::uuid", eventId) == holdOf.size())).isTrue();
    assertThat(api.count("select count(*) from tickets where event_id = $1::uuid "
        + "and status <> 'void'", eventId)).isEqualTo(holder.size());
    assertThat(api.count("select count(distinct seat) from tickets where event_id = $1::uuid "
        + "and status <> 'void'", eventId)).isEqualTo(holder.size());
    assertThat(api.count("select count(*) from tickets where event_id = $1::uuid and seat <> "
        + "'A-' || (slot / 8 + 1) || '-' || (slot % 8 + 1)", eventId)).isZero();
    JsonObject counts = api.availability(eventId);
    assertThat(counts.getInteger("sold")).isEqualTo(holder.size());
    assertThat(counts.getInteger("sold") + counts.getInteger("held")
        + counts.getInteger("available")).isEqualTo(24);
    assertThat(seatMap(counts).values()).doesNotContain('h');
  }

  @Test
  @DisplayName("best available together seats a party side by side, best row first; a GA "
      + "section in the same event sells as before")
  void bestAvailable() {
    String eventId = publish(new JsonArray().add(reserved("F", 2, 6))
        .add(new JsonObject().put("id", "G").put("kind", "general").put("priceCents", 1500)
            .put("capacity", 30)));
    List<String> buyers = api.buyers(5);
    List<List<Object>> parties = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      HttpResponse<Buffer> r = Api.await(api.hold(buyers.get(i), eventId, new JsonObject()
          .put("section", "F").put("quantity", 3).put("together", true), "party-" + i));
      assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
      parties.add(r.bodyAsJsonObject().getJsonArray("seats").getList());
    }
    // Two parties of three fill row 1 (no stranded single seats), the third goes to row 2.
    assertThat(parties.get(0)).containsExactly("F-1-1", "F-1-2", "F-1-3");
    assertThat(parties.get(1)).containsExactly("F-1-4", "F-1-5", "F-1-6");
    assertThat(parties.get(2)).containsExactly("F-2-1", "F-2-2", "F-2-3");
    HttpResponse<Buffer> single = Api.await(api.hold(buyers.get(3), eventId, new JsonObject()
        .put("seats", new JsonArray().add("F-2-5")), "single"));
    assertThat(single.statusCode()).as(single.bodyAsString()).isEqualTo(201);
    HttpResponse<Buffer> full = Api.await(api.hold(buyers.get(4), eventId, new JsonObject()
        .put("section", "F").put("quantity", 2).put("together", true), "late"));
    assertThat(full.statusCode()).isEqualTo(409);
    assertThat(full.bodyAsJsonObject().getString("type")).endsWith("/no-adjacent-seats");
    HttpResponse<Buffer> ga = Api.await(api.hold(buyers.get(4), eventId, new JsonObject()
        .put("section", "G").put("quantity", 2), "ga"));
    assertThat(ga.statusCode()).as(ga.bodyAsString()).isEqualTo(201);
    assertThat(ga.bodyAsJsonObject().getJsonArray("seats")).isEmpty();
    HttpResponse<Buffer> replay = Api.await(api.hold(buyers.get(0), eventId, new JsonObject()
        .put("section", "F").put("quantity", 3).put("together", true), "party-0"));
    assertThat(replay.getHeader("Idempotent-Replayed")).isEqualTo("true");
    assertThat(replay.bodyAsJsonObject().getJsonArray("seats").getList())
        .isEqualTo(parties.get(0));
  }

  @Test
  @DisplayName("one buyer firing 50 parallel holds (exact, best available, general) never "
      + "passes maxPerBuyer, and what was refused is free again")
  void oneBuyerFiftyHolds() {
    String eventId = publish(new JsonArray().add(reserved("A", 4, 10))
        .add(new JsonObject().put("id", "G").put("kind", "general").put("priceCents", 1000)
            .put("capacity", 200)));
    String buyer = api.buyers(1).get(0);
    List<Future<HttpResponse<Buffer>>> race = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      JsonObject body = switch (i % 3) {
        case 0 -> new JsonObject().put("seats", new JsonArray().add("A-" + (1 + i % 4) + "-"
            + (1 + i % 10)));
        case 1 -> new JsonObject().put("section", "A").put("quantity", 2).put("together", true);
        default -> new JsonObject().put("section", "G").put("quantity", 1);
      };
      race.add(api.hold(buyer, eventId, body, UUID.randomUUID().toString()));
    }
    Api.await(Future.join(race));
    int held = 0;
    for (Future<HttpResponse<Buffer>> f : race) {
      HttpResponse<Buffer> r = f.result();
      if (r.statusCode() == 201) {
        held += r.bodyAsJsonObject().getInteger("quantity");
      } else {
        assertThat(r.statusCode()).as(r.bodyAsString()).isIn(409, 429);
      }
    }
    assertThat(held).isBetween(1, 6);
    JsonObject counts = api.availability(eventId);
    assertThat(counts.getInteger("held")).isEqualTo(held);
    assertThat(counts.getInteger("available")).isEqualTo(240 - held);
  }

  @Test
  @DisplayName("invalid venues get a precise 422 and create nothing")
  void invalidVenues() {
    long before = api.count("select count(*) from events");
    JsonObject twice = reserved("A", 2, 5);
    twice.getJsonArray("rows").getJsonObject(1).put("label", "1");
    JsonObject emptyRow = reserved("A", 2, 5);
    emptyRow.getJsonArray("rows").getJsonObject(0).put("seats", 0);
    JsonObject noRows = reserved("A", 1, 5).put("rows", new JsonArray());
    JsonArray huge = new JsonArray();
    for (int s = 0; s < 40; s++) {
      huge.add(reserved("S" + s, 500, 500));
    }
    Map<JsonArray, String> cases = Map.of(
        new JsonArray().add(twice), "sections[0].rows[1].label",
        new JsonArray().add(emptyRow), "sections[0].rows[0].seats",
        new JsonArray().add(noRows), "sections[0].rows",
        huge, "sections[0].rows",
        new JsonArray().add(reserved("A", 1, 5).put("capacity", 9)), "sections[0].capacity",
        new JsonArray().add(reserved("A", 1, 5)).add(reserved("A", 1, 5)), "sections[1].id");
    cases.forEach((sections, field) -> {
      HttpResponse<Buffer> r = api.call(HttpMethod.POST, "/v1/events", organizer,
          event(sections));
      assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(422);
      assertThat(r.getHeader("Content-Type")).isEqualTo("application/problem+json");
      Set<String> fields = new HashSet<>();
      r.bodyAsJsonObject().getJsonArray("errors").forEach(e -> fields.add(
          ((JsonObject) e).getString("field")));
      assertThat(fields).as(r.bodyAsString()).contains(field);
    });
    assertThat(api.count("select count(*) from events")).isEqualTo(before);

    String eventId = publish(new JsonArray().add(reserved("A", 2, 5)));
    String buyer = api.buyers(1).get(0);
    Map<String, String> holds = Map.of(
        "{\"seats\": [\"A-1-1\", \"Q-1-1\"]}", "unknown-seat",
        "{\"seats\": [\"A-1-1\", \"A-1-1\"]}", "validation",
        "{\"seats\": []}", "validation",
        "{\"seats\": [\"A-1-1\"], \"section\": \"A\"}", "validation",
        "{\"section\": \"Q\", \"quantity\": 2, \"together\": true}", "unknown-section",
        "{\"section\": \"A\", \"quantity\": 2, \"together\": \"yes\"}", "validation",
        "{\"section\": \"A\", \"quantity\": 2, \"onBehalfOf\": \"x\"}", "validation");
    holds.forEach((body, type) -> {
      HttpResponse<Buffer> r = Api.await(api.request(HttpMethod.POST, "/v1/events/" + eventId
              + "/holds", buyer).putHeader("Idempotency-Key", UUID.randomUUID().toString())
          .sendBuffer(Buffer.buffer(body)));
      assertThat(r.statusCode()).as(body + " → " + r.bodyAsString()).isEqualTo(422);
      assertThat(r.bodyAsJsonObject().getString("type")).as(body).endsWith("/" + type);
    });
    assertThat(api.availability(eventId).getInteger("available")).isEqualTo(10);
  }
}
