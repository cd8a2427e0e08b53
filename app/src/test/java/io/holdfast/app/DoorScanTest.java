package io.holdfast.app;

import static io.holdfast.testkit.http.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Scans at check-in lists and offline batches")
class DoorScanTest extends DoorTestBase {
  @Test
  @DisplayName("a ticket scanned at list A and then at list B is refused at B, naming A and the time of the first scan")
  void secondListRefuses() {
    String eventId = org.onSale(organizer, Organizing.body("Two gates", 10));
    String buyer = api.buyers(1).get(0);
    JsonObject ticket = tickets(buyer, org.buy(buyer, eventId, 1)).get(0);
    JsonObject a = newList(organizer, eventId, new JsonObject().put("name", "Gate A"));
    JsonObject b = newList(organizer, eventId, new JsonObject().put("name", "Gate B"));

    HttpResponse<Buffer> first = scanAt(organizer, ticket.getString("code"), a.getString("id"));
    assertThat(first.statusCode()).as(first.bodyAsString()).isEqualTo(200);
    String checkedInAt = first.bodyAsJsonObject().getJsonObject("ticket").getString("checkedInAt");
    HttpResponse<Buffer> second = scanAt(organizer, ticket.getString("code"), b.getString("id"));
    assertProblem(second, 409, "already-checked-in");
    JsonObject refused = second.bodyAsJsonObject();
    assertThat(refused.getString("checkedInAt")).isEqualTo(checkedInAt);
    assertThat(refused.getString("listId")).isEqualTo(a.getString("id"));
    assertThat(refused.getString("listName")).isEqualTo("Gate A");
    assertThat(refused.getString("detail")).contains("Gate A");
    assertThat(api.count("select count(*) from scans where ticket_id = $1::uuid "
        + "and result = 'already-checked-in' and list_id = $2::uuid", ticket.getString("ticketId"),
        b.getString("id"))).isEqualTo(1L);

    // A retried scan with the same nonce answers what was recorded, and records nothing more.
    JsonObject retried = new JsonObject().put("code", ticket.getString("code"))
        .put("listId", b.getString("id")).put("nonce", "retry-1");
    HttpResponse<Buffer> once = api.call(HttpMethod.POST, "/v1/checkins", organizer, retried);
    HttpResponse<Buffer> twice = api.call(HttpMethod.POST, "/v1/checkins", organizer, retried);
    assertProblem(twice, 409, "already-checked-in");
    assertThat(twice.bodyAsJsonObject().getString("scanId"))
        .isEqualTo(once.bodyAsJsonObject().getString("scanId"));
    assertThat(api.count("select count(*) from scans where ticket_id = $1::uuid",
        ticket.getString("ticketId"))).isEqualTo(3L);

    // A ticket of another event is named as such at this event's list, and stays valid.
    String other = org.onSale(organizer, Organizing.body("Elsewhere", 10));
    JsonObject stranger = tickets(buyer, org.buy(buyer, other, 1)).get(0);
    HttpResponse<Buffer> wrong = scanAt(organizer, stranger.getString("code"), a.getString("id"));
    assertProblem(wrong, 422, "wrong-event");
    assertThat(wrong.bodyAsJsonObject().getString("ticketEventId")).isEqualTo(other);
    assertThat(ticketStatus(stranger.getString("ticketId"))).isEqualTo("valid");
  }

  @Test
  @DisplayName("of two scans of one ticket at once at two lists, exactly one admits it")
  void parallelScans() {
    String eventId = org.onSale(organizer, Organizing.body("Rush gates", 20));
    String buyer = api.buyers(1).get(0);
    List<JsonObject> tickets = tickets(buyer, org.buy(buyer, eventId, 10));
    String a = newList(organizer, eventId, new JsonObject().put("name", "A")).getString("id");
    String b = newList(organizer, eventId, new JsonObject().put("name", "B")).getString("id");
    for (JsonObject ticket : tickets) {
      List<Future<HttpResponse<Buffer>>> scans = new ArrayList<>();
      for (String list : List.of(a, b)) {
        scans.add(api.request(HttpMethod.POST, "/v1/checkins", organizer)
            .sendJsonObject(new JsonObject().put("code", ticket.getString("code"))
                .put("listId", list)));
      }
      List<Integer> statuses = scans.stream().map(f -> Api.await(f).statusCode()).toList();
      assertThat(statuses).containsExactlyInAnyOrder(200, 409);
    }
    assertThat(api.count("select count(*) from scans where event_id = $1::uuid "
        + "and result = 'admitted'", eventId)).isEqualTo(10L);
    assertThat(api.count("select count(*) from tickets where event_id = $1::uuid "
        + "and status = 'used' and checked_in_list_id is not null", eventId)).isEqualTo(10L);
  }

  @Test
  @DisplayName("two offline scanners upload scans of one ticket: the first upload admits it, the other is a duplicate with both times; the same batch again answers the same and records nothing")
  void offlineBatches() {
    String eventId = org.onSale(organizer, Organizing.body("Offline gates", 10));
    String buyer = api.buyers(1).get(0);
    List<JsonObject> tickets = tickets(buyer, org.buy(buyer, eventId, 2));
    List<String> scanners = api.buyers(2);
    String list = newList(organizer, eventId, new JsonObject().put("name", "Field"))
        .getString("id");
    for (String scanner : scanners) {
      addListStaff(eventId, list, scanner);
    }
    String code = tickets.get(0).getString("code");
    Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(600);
    JsonObject one = new JsonObject().put("listId", list).put("scans", new JsonArray()
        .add(offline(code, t.toString(), "n-1"))
        .add(offline(tickets.get(1).getString("code"), t.plusSeconds(1).toString(), "n-2"))
        .add(offline("forged-" + UUID.randomUUID(), t.plusSeconds(2).toString(), "n-3"))
        .add(new JsonObject().put("code", code).put("scannedAt", "yesterday"))
        .add("not a scan"));
    HttpResponse<Buffer> first = batch(scanners.get(0), eventId, one);
    assertThat(first.statusCode()).as(first.bodyAsString()).isEqualTo(200);
    JsonArray results = first.bodyAsJsonObject().getJsonArray("results");
    assertThat(results.stream().map(r -> ((JsonObject) r).getString("result")).toList())
        .containsExactly("admitted", "admitted", "unknown-ticket", "validation", "validation");
    assertThat(results.getJsonObject(0).getString("checkedInAt")).isEqualTo(t.toString());
    assertThat(results.getJsonObject(3).getJsonArray("errors")).hasSize(2);
    assertThat(results.getJsonObject(4).getInteger("index")).isEqualTo(4);

    // The other scanner saw the same ticket later, offline too.
    JsonObject other = new JsonObject().put("listId", list).put("scans", new JsonArray()
        .add(offline(code, t.plusSeconds(30).toString(), "n-1")));
    JsonObject duplicate = batch(scanners.get(1), eventId, other).bodyAsJsonObject()
        .getJsonArray("results").getJsonObject(0);
    assertThat(duplicate.getString("result")).isEqualTo("already-checked-in");
    assertThat(duplicate.getInteger("status")).isEqualTo(409);
    assertThat(duplicate.getString("scannedAt")).isEqualTo(t.plusSeconds(30).toString());
    assertThat(duplicate.getString("checkedInAt")).isEqualTo(t.toString());
    assertThat(duplicate.getString("listName")).isEqualTo("Field");

    // Uploaded again, each batch answers exactly as before and nothing is recorded.
    long scans = api.count("select count(*) from scans where event_id = $1::uuid", eventId);
    assertThat(scans).isEqualTo(4L);
    assertThat(batch(scanners.get(0), eventId, one).bodyAsJsonObject())
        .isEqualTo(first.bodyAsJsonObject());
    assertThat(batch(scanners.get(1), eventId, other).bodyAsJsonObject()
        .getJsonArray("results").getJsonObject(0)).isEqualTo(duplicate);
    assertThat(api.count("select count(*) from scans where event_id = $1::uuid", eventId))
        .isEqualTo(scans);
    assertThat(ticketStatus(tickets.get(0).getString("ticketId"))).isEqualTo("used");
  }

  @Test
  @DisplayName("someone not on a list's staff is refused at it (403 to the event's door staff, 404 to anyone else) and nothing is admitted; batches are bounded")
  void notListStaff() {
    String eventId = org.onSale(organizer, Organizing.body("Staff only", 10));
    String buyer = api.buyers(1).get(0);
    JsonObject ticket = tickets(buyer, org.buy(buyer, eventId, 1)).get(0);
    List<String> people = api.buyers(3);
    String a = newList(organizer, eventId, new JsonObject().put("name", "A")).getString("id");
    String b = newList(organizer, eventId, new JsonObject().put("name", "B")).getString("id");
    addListStaff(eventId, a, people.get(0));
    assertThat(grant(organizer, eventId, me(people.get(1)).getString("email")).statusCode())
        .isEqualTo(201);

    assertProblem(scanAt(people.get(0), ticket.getString("code"), b), 403, "not-list-staff");
    assertProblem(scanAt(people.get(1), ticket.getString("code"), a), 403, "not-list-staff");
    assertProblem(scanAt(people.get(2), ticket.getString("code"), a), 404, "not-found");
    JsonObject upload = new JsonObject().put("listId", b).put("scans", new JsonArray()
        .add(offline(ticket.getString("code"), Instant.now().toString(), "x")));
    assertProblem(batch(people.get(0), eventId, upload), 403, "not-list-staff");
    assertProblem(batch(people.get(2), eventId, new JsonObject().put("scans",
        upload.getJsonArray("scans"))), 404, "not-found");
    // A list staff member works its own list only: without a list it is not the event's staff.
    assertProblem(checkIn(people.get(0), ticket.getString("code")), 404, "unknown-ticket");
    assertThat(ticketStatus(ticket.getString("ticketId"))).isEqualTo("valid");
    assertThat(api.count("select count(*) from scans where event_id = $1::uuid", eventId))
        .isZero();

    // Bounds: at most 500 scans, and scans in the future are refused one by one.
    JsonArray many = new JsonArray();
    for (int i = 0; i < 501; i++) {
      many.add(offline("c" + i, Instant.now().toString(), "m" + i));
    }
    assertProblem(batch(organizer, eventId, new JsonObject().put("scans", many)), 422,
        "validation");
    JsonArray huge = new JsonArray();
    for (int i = 0; i < 500; i++) {
      huge.add(offline("c".repeat(512), Instant.now().toString(), "h".repeat(100) + i));
    }
    assertProblem(batch(organizer, eventId, new JsonObject().put("scans", huge)
        .put("padding", "p".repeat(200_000))), 413, "body-too-large");
    JsonObject future = batch(people.get(0), eventId, new JsonObject().put("listId", a)
        .put("scans", new JsonArray().add(offline(ticket.getString("code"),
            Instant.now().plusSeconds(3600).toString(), "f")))).bodyAsJsonObject();
    assertThat(future.getJsonArray("results").getJsonObject(0).getString("result"))
        .isEqualTo("validation");
    HttpResponse<Buffer> in = scanAt(people.get(0), ticket.getString("code"), a);
    assertThat(in.statusCode()).as(in.bodyAsString()).isEqualTo(200);
  }
}
