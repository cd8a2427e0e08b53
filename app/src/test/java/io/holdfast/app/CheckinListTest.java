package io.holdfast.app;

import static io.holdfast.testkit.http.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Check-in lists")
class CheckinListTest extends DoorTestBase {
  /** An event of sections GA and VIP. */
  private String twoSections(String name) {
    JsonObject body = Organizing.body(name, 10);
    body.getJsonArray("sections").add(new JsonObject().put("id", "VIP").put("kind", "general")
        .put("priceCents", 9000).put("capacity", 5));
    return org.onSale(organizer, body);
  }

  @Test
  @DisplayName("the organizer creates, reads, edits and deletes lists; bad fields are named, and only the organizer or an admin manages them")
  void createEditDelete() {
    String eventId = twoSections("Lists night");
    Instant opens = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(3600);
    JsonObject list = newList(organizer, eventId, new JsonObject().put("name", "North gate")
        .put("sectionIds", new JsonArray().add("VIP")).put("opensAt", opens.toString())
        .put("reentry", true));
    assertThat(list.getString("name")).isEqualTo("North gate");
    assertThat(list.getJsonArray("sectionIds")).containsExactly("VIP");
    assertThat(list.getString("opensAt")).isEqualTo(opens.toString());
    assertThat(list.getString("closesAt")).isNull();
    assertThat(list.getBoolean("reentry")).isTrue();
    String path = lists(eventId) + "/" + list.getString("id");

    HttpResponse<Buffer> bad = api.call(HttpMethod.POST, lists(eventId), organizer,
        new JsonObject().put("name", "").put("sectionIds", new JsonArray().add("GA").add("NOPE"))
            .put("opensAt", "tomorrow").put("reentry", "yes").put("colour", "red"));
    assertProblem(bad, 422, "validation");
    assertThat(bad.bodyAsJsonObject().getJsonArray("errors").stream()
        .map(e -> ((JsonObject) e).getString("field")).toList())
        .contains("name", "sectionIds[1]", "opensAt", "reentry", "colour");
    assertProblem(api.call(HttpMethod.POST, lists(eventId), organizer, new JsonObject()
        .put("name", "Late").put("opensAt", opens.toString())
        .put("closesAt", opens.minusSeconds(1).toString())), 422, "validation");
    assertProblem(api.call(HttpMethod.POST, lists(eventId), organizer, new JsonObject()
        .put("name", "North gate")), 409, "list-name-taken");

    // Editing: a field given as null clears it; the others stay.
    HttpResponse<Buffer> edited = api.call(HttpMethod.PATCH, path, organizer, new JsonObject()
        .put("sectionIds", null).put("opensAt", null).put("name", "North"));
    assertThat(edited.statusCode()).as(edited.bodyAsString()).isEqualTo(200);
    assertThat(edited.bodyAsJsonObject().getValue("sectionIds")).isNull();
    assertThat(edited.bodyAsJsonObject().getValue("opensAt")).isNull();
    assertThat(edited.bodyAsJsonObject().getBoolean("reentry")).isTrue();
    assertProblem(api.call(HttpMethod.PATCH, path, organizer, new JsonObject()
        .put("name", null)), 422, "validation");
    assertProblem(api.call(HttpMethod.PATCH, lists(eventId) + "/" + UUID.randomUUID(),
        organizer, new JsonObject().put("name", "x")), 404, "not-found");

    // Reading: the list with its staff and counts; all lists.
    List<String> people = api.buyers(2);
    addListStaff(eventId, list.getString("id"), people.get(0));
    JsonObject shown = api.call(HttpMethod.GET, path, organizer, null).bodyAsJsonObject();
    assertThat(shown.getJsonArray("staff")).hasSize(1);
    assertThat(shown.getJsonArray("staff").getJsonObject(0).getString("userId"))
        .isEqualTo(me(people.get(0)).getString("id"));
    assertThat(shown.getJsonObject("counts").getLong("scans")).isZero();
    assertThat(api.call(HttpMethod.GET, lists(eventId), api.admin(), null).bodyAsJsonObject()
        .getJsonArray("items").getJsonObject(0).getLong("staffCount")).isEqualTo(1L);
    assertProblem(api.call(HttpMethod.POST, path + "/staff", organizer, new JsonObject()
        .put("email", "nobody-" + UUID.randomUUID() + "@test.holdfast.dev")), 404, "not-found");
    assertProblem(api.call(HttpMethod.POST, path + "/staff", organizer, new JsonObject()), 422,
        "validation");

    // The event's staff are refused, anyone else finds nothing.
    assertThat(grant(organizer, eventId, me(people.get(1)).getString("email")).statusCode())
        .isEqualTo(201);
    assertProblem(api.call(HttpMethod.GET, lists(eventId), people.get(1), null), 403,
        "forbidden");
    assertProblem(api.call(HttpMethod.POST, lists(eventId), people.get(1),
        new JsonObject().put("name", "Mine")), 403, "forbidden");
    String stranger = api.organizer();
    assertProblem(api.call(HttpMethod.GET, path, stranger, null), 404, "not-found");
    assertProblem(api.call(HttpMethod.DELETE, path, stranger, null), 404, "not-found");
    assertProblem(api.call(HttpMethod.GET, "/v1/events/" + eventId + "/checkin-counts",
        stranger, null), 404, "not-found");

    // Removing staff, deleting the list.
    String member = path + "/staff/" + me(people.get(0)).getString("id");
    assertThat(api.call(HttpMethod.DELETE, member, organizer, null).statusCode()).isEqualTo(204);
    assertProblem(api.call(HttpMethod.DELETE, member, organizer, null), 404, "not-found");
    assertThat(api.call(HttpMethod.DELETE, path, organizer, null).statusCode()).isEqualTo(204);
    assertProblem(api.call(HttpMethod.GET, path, organizer, null), 404, "not-found");
  }

  @Test
  @DisplayName("a list refuses scans outside its window and tickets of sections it does not admit, and lets people back in only if it says so; the counts add up")
  void windowsEntrancesReentryAndCounts() {
    String eventId = twoSections("Window night");
    String buyer = api.buyers(1).get(0);
    List<JsonObject> tickets = tickets(buyer, org.buy(buyer, eventId, 4));
    Instant now = Instant.now();
    String later = newList(organizer, eventId, new JsonObject().put("name", "Later")
        .put("opensAt", now.plusSeconds(3600).toString())).getString("id");
    String closed = newList(organizer, eventId, new JsonObject().put("name", "Closed")
        .put("closesAt", now.minusSeconds(60).toString())).getString("id");
    String vip = newList(organizer, eventId, new JsonObject().put("name", "VIP door")
        .put("sectionIds", new JsonArray().add("VIP"))).getString("id");
    String back = newList(organizer, eventId, new JsonObject().put("name", "Back door")
        .put("reentry", true)).getString("id");
    String first = tickets.get(0).getString("code");

    assertProblem(scanAt(organizer, first, later), 409, "not-valid-yet");
    assertProblem(scanAt(organizer, first, closed), 409, "list-closed");
    assertProblem(scanAt(organizer, first, vip), 422, "wrong-entrance");
    assertProblem(scanAt(organizer, "no-such-" + UUID.randomUUID(), vip), 404, "unknown-ticket");
    assertThat(ticketStatus(tickets.get(0).getString("ticketId"))).isEqualTo("valid");

    HttpResponse<Buffer> in = scanAt(organizer, first, back);
    assertThat(in.statusCode()).as(in.bodyAsString()).isEqualTo(200);
    assertThat(in.bodyAsJsonObject().getString("result")).isEqualTo("admitted");
    HttpResponse<Buffer> again = scanAt(organizer, first, back);
    assertThat(again.statusCode()).as(again.bodyAsString()).isEqualTo(200);
    JsonObject reentered = again.bodyAsJsonObject();
    assertThat(reentered.getString("result")).isEqualTo("reentered");
    assertThat(reentered.getBoolean("reentry")).isTrue();
    assertThat(reentered.getString("checkedInAt"))
        .isEqualTo(in.bodyAsJsonObject().getJsonObject("ticket").getString("checkedInAt"));
    assertThat(reentered.getString("checkedInListName")).isEqualTo("Back door");
    assertThat(scanAt(organizer, first, back).statusCode()).isEqualTo(200);
    // A second ticket, checked in without a list, then refused as a duplicate.
    assertThat(checkIn(organizer, tickets.get(1).getString("code")).statusCode()).isEqualTo(200);
    assertProblem(checkIn(organizer, tickets.get(1).getString("code")), 409,
        "already-checked-in");

    JsonObject counts = api.call(HttpMethod.GET, "/v1/events/" + eventId + "/checkin-counts",
        organizer, null).bodyAsJsonObject();
    JsonObject event = counts.getJsonObject("event");
    assertThat(event.getLong("scans")).isEqualTo(9L);
    assertThat(event.getLong("admitted")).isEqualTo(2L);
    assertThat(event.getLong("reentered")).isEqualTo(2L);
    assertThat(event.getLong("duplicates")).isEqualTo(1L);
    assertThat(event.getLong("refused")).isEqualTo(4L);
    assertThat(event.getJsonObject("refusedBy")).isEqualTo(new JsonObject()
        .put("not-valid-yet", 1L).put("list-closed", 1L).put("wrong-entrance", 1L)
        .put("unknown-ticket", 1L));
    assertThat(event.getLong("tickets")).isEqualTo(4L);
    assertThat(event.getLong("checkedIn")).isEqualTo(2L);
    long sum = counts.getJsonObject("withoutList").getLong("scans");
    for (Object l : counts.getJsonArray("lists")) {
      JsonObject list = (JsonObject) l;
      sum += list.getLong("scans");
      assertThat(list.getLong("admitted") + list.getLong("reentered") + list.getLong("duplicates")
          + list.getLong("refused")).isEqualTo(list.getLong("scans"));
      assertThat(list.getLong("covered")).isEqualTo(list.getString("name").equals("VIP door")
          ? 0L : 4L);
    }
    assertThat(sum).isEqualTo(9L);
    assertThat(counts.getJsonObject("withoutList").getLong("scans")).isEqualTo(2L);
    assertThat(api.count("select count(*) from scans where event_id = $1::uuid", eventId))
        .isEqualTo(9L);
    // A list with scans stays.
    assertProblem(api.call(HttpMethod.DELETE, lists(eventId) + "/" + back, organizer, null),
        409, "list-has-scans");
  }
}
