package io.holdfast.app;

import static io.holdfast.testkit.http.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Door staff and check-in")
class StaffTest extends DoorTestBase {
  private String staffPath(String eventId) {
    return "/v1/events/" + eventId + "/staff";
  }

  @Test
  @DisplayName("the organizer grants, lists and revokes staff by email; only the organizer or an admin manages them")
  void grantListRevoke() {
    String eventId = org.onSale(organizer, Organizing.body("Crew night", 10));
    List<String> people = api.buyers(3);
    JsonObject first = me(people.get(0));
    JsonObject second = me(people.get(1));

    HttpResponse<Buffer> granted = grant(organizer, eventId, first.getString("email"));
    assertThat(granted.statusCode()).as(granted.bodyAsString()).isEqualTo(201);
    JsonObject grant = granted.bodyAsJsonObject();
    assertThat(grant.getString("userId")).isEqualTo(first.getString("id"));
    assertThat(grant.getString("email")).isEqualTo(first.getString("email"));
    assertThat(grant.getString("name")).isEqualTo(first.getString("name"));
    assertThat(grant.getString("grantedAt")).isNotBlank();
    assertThat(granted.getHeader("Location"))
        .isEqualTo(staffPath(eventId) + "/" + first.getString("id"));
    // Granting again changes nothing: the first grant, 200.
    HttpResponse<Buffer> again = grant(organizer, eventId,
        first.getString("email").toUpperCase());
    assertThat(again.statusCode()).as(again.bodyAsString()).isEqualTo(200);
    assertThat(again.bodyAsJsonObject()).isEqualTo(grant);
    assertThat(grant(api.admin(), eventId, second.getString("email")).statusCode())
        .isEqualTo(201);

    // Unknown accounts and bad bodies.
    assertProblem(grant(organizer, eventId, "nobody-" + UUID.randomUUID() + "@test.holdfast.dev"),
        404, "not-found");
    assertProblem(api.call(HttpMethod.POST, staffPath(eventId), organizer, new JsonObject()),
        422, "validation");
    assertProblem(api.call(HttpMethod.POST, staffPath(eventId), organizer, new JsonObject()
        .put("email", first.getString("email")).put("role", "admin")), 422, "validation");
    assertProblem(api.call(HttpMethod.POST, staffPath(eventId), organizer, "{\"email\":"), 400,
        "malformed-json");

    // The list, a page at a time, earliest grant first.
    JsonObject page = api.call(HttpMethod.GET, staffPath(eventId) + "?limit=1", organizer, null)
        .bodyAsJsonObject();
    assertThat(page.getJsonArray("items")).hasSize(1);
    assertThat(page.getJsonArray("items").getJsonObject(0)).isEqualTo(grant);
    JsonObject next = api.call(HttpMethod.GET, staffPath(eventId) + "?limit=1&cursor="
        + page.getString("nextCursor"), organizer, null).bodyAsJsonObject();
    assertThat(next.getJsonArray("items").getJsonObject(0).getString("userId"))
        .isEqualTo(second.getString("id"));
    assertThat(api.call(HttpMethod.GET, staffPath(eventId) + "?limit=1&cursor="
        + next.getString("nextCursor"), organizer, null).bodyAsJsonObject()
        .getJsonArray("items")).isEmpty();
    assertThat(api.call(HttpMethod.GET, staffPath(eventId), api.admin(), null)
        .bodyAsJsonObject().getJsonArray("items")).hasSize(2);

    // Nobody else manages the staff: the staff themselves are refused, anyone else finds nothing.
    String stranger = api.organizer();
    String member = staffPath(eventId) + "/" + first.getString("id");
    for (String token : new String[] {stranger, people.get(2)}) {
      assertProblem(api.call(HttpMethod.GET, staffPath(eventId), token, null), 404, "not-found");
      assertProblem(grant(token, eventId, second.getString("email")), 404, "not-found");
      assertProblem(api.call(HttpMethod.DELETE, member, token, null), 404, "not-found");
    }
    assertProblem(api.call(HttpMethod.GET, staffPath(eventId), people.get(0), null), 403,
        "forbidden");
    assertProblem(grant(people.get(0), eventId, me(people.get(2)).getString("email")), 403,
        "forbidden");
    assertProblem(api.call(HttpMethod.GET, staffPath(UUID.randomUUID().toString()), organizer,
        null), 404, "not-found");
    assertProblem(api.call(HttpMethod.GET, staffPath(eventId), null, null), 401,
        "unauthorized");
    assertThat(api.count("select count(*) from event_staff where event_id = $1::uuid", eventId))
        .isEqualTo(2);

    // Revoking.
    assertThat(api.call(HttpMethod.DELETE, member, organizer, null).statusCode()).isEqualTo(204);
    assertProblem(api.call(HttpMethod.DELETE, member, organizer, null), 404, "not-found");
    assertProblem(api.call(HttpMethod.DELETE, staffPath(eventId) + "/not-a-user", organizer,
        null), 404, "not-found");
    JsonArray left = api.call(HttpMethod.GET, staffPath(eventId), organizer, null)
        .bodyAsJsonObject().getJsonArray("items");
    assertThat(left).hasSize(1);
    assertThat(left.getJsonObject(0).getString("userId")).isEqualTo(second.getString("id"));
  }

  @Test
  @DisplayName("an account lists the events it is door staff of (GET /v1/me/staff-events), with the event list's filters, and loses one when revoked")
  void staffListTheirEvents() {
    String tag = UUID.randomUUID().toString().substring(0, 8);
    String x = org.onSale(organizer, Organizing.body("Staff list X " + tag, 10));
    String y = org.onSale(organizer, Organizing.body("Staff list Y " + tag, 10));
    String z = org.onSale(organizer, Organizing.body("Staff list Z " + tag, 10));
    List<String> people = api.buyers(2);
    String staff = people.get(0);
    String nobody = people.get(1);
    String email = me(staff).getString("email");
    assertThat(grant(organizer, x, email).statusCode()).isEqualTo(201);
    assertThat(grant(organizer, y, email).statusCode()).isEqualTo(201);

    JsonObject all = staffEvents(staff, "");
    assertThat(ids(all)).containsExactlyInAnyOrder(x, y).doesNotContain(z);
    JsonObject item = all.getJsonArray("items").getJsonObject(0);
    assertThat(item.getString("name")).startsWith("Staff list ");
    assertThat(item.containsKey("capacity")).isFalse();
    assertThat(ids(staffEvents(staff, "?q=list%20Y%20" + tag))).containsExactly(y);
    JsonObject first = staffEvents(staff, "?limit=1");
    assertThat(first.getJsonArray("items")).hasSize(1);
    assertThat(ids(staffEvents(staff, "?limit=1&cursor=" + first.getString("nextCursor"))))
        .hasSize(1).doesNotContainAnyElementsOf(ids(first));
    assertThat(ids(staffEvents(nobody, ""))).isEmpty();

    String userId = me(staff).getString("id");
    assertThat(api.call(HttpMethod.DELETE, staffPath(x) + "/" + userId, organizer, null)
        .statusCode()).isEqualTo(204);
    assertThat(ids(staffEvents(staff, ""))).containsExactly(y);
    assertProblem(api.call(HttpMethod.GET, "/v1/me/staff-events", null, null), 401,
        "unauthorized");
    assertProblem(api.call(HttpMethod.GET, "/v1/me/staff-events?limit=0", staff, null), 422,
        "validation");
  }

  private JsonObject staffEvents(String token, String query) {
    HttpResponse<Buffer> r = api.call(HttpMethod.GET, "/v1/me/staff-events" + query, token, null);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    return r.bodyAsJsonObject();
  }

  private static List<String> ids(JsonObject page) {
    List<String> ids = new ArrayList<>();
    page.getJsonArray("items").forEach(e -> ids.add(((JsonObject) e).getString("id")));
    return ids;
  }

  @Test
  @DisplayName("staff of event X check X's tickets in once and read X's attendees, but not Y's; revoked, they find nothing")
  void staffWorkTheirOwnDoor() {
    String x = org.onSale(organizer, Organizing.body("Door X night", 10));
    String y = org.onSale(organizer, Organizing.body("Door Y night", 10));
    List<String> people = api.buyers(2);
    String buyer = people.get(0);
    String staff = people.get(1);
    List<JsonObject> xTickets = tickets(buyer, org.buy(buyer, x, 2));
    JsonObject yTicket = tickets(buyer, org.buy(buyer, y, 1)).get(0);
    assertThat(grant(organizer, x, me(staff).getString("email")).statusCode()).isEqualTo(201);

    JsonObject first = xTickets.get(0);
    HttpResponse<Buffer> scanned = checkIn(staff, first.getString("code"));
    assertThat(scanned.statusCode()).as(scanned.bodyAsString()).isEqualTo(200);
    JsonObject answer = scanned.bodyAsJsonObject();
    assertThat(answer.getBoolean("valid")).isTrue();
    JsonObject ticket = answer.getJsonObject("ticket");
    assertThat(ticket.getString("ticketId")).isEqualTo(first.getString("ticketId"));
    assertThat(ticket.getString("eventId")).isEqualTo(x);
    assertThat(ticket.getString("status")).isEqualTo("used");
    assertThat(ticket.getString("checkedInAt")).isNotBlank();
    assertThat(ticket.containsKey("code")).isFalse();

    HttpResponse<Buffer> twice = checkIn(staff, first.getString("code"));
    assertProblem(twice, 409, "already-checked-in");
    assertThat(twice.bodyAsJsonObject().getString("checkedInAt"))
        .isEqualTo(ticket.getString("checkedInAt"));
    assertThat(ticketStatus(first.getString("ticketId"))).isEqualTo("used");

    // Event Y's ticket is unknown to X's staff, and a ticket of X scanned at Y's door is named.
    assertProblem(checkIn(staff, yTicket.getString("code")), 404, "unknown-ticket");
    assertProblem(checkIn(staff, "no-such-code-" + UUID.randomUUID()), 404, "unknown-ticket");
    JsonObject second = xTickets.get(1);
    assertProblem(api.call(HttpMethod.POST, "/v1/checkins", staff, new JsonObject()
        .put("code", second.getString("code")).put("eventId", y)), 422, "wrong-event");
    assertProblem(api.call(HttpMethod.POST, "/v1/checkins", staff, new JsonObject()
        .put("code", second.getString("code")).put("eventId", "Y")), 422, "validation");
    assertProblem(api.call(HttpMethod.POST, "/v1/checkins", staff, new JsonObject()), 422,
        "validation");
    assertThat(ticketStatus(yTicket.getString("ticketId"))).isEqualTo("valid");
    assertThat(ticketStatus(second.getString("ticketId"))).isEqualTo("valid");

    // The attendee list of X, not of Y; and not the staff list.
    HttpResponse<Buffer> attendees = api.call(HttpMethod.GET, "/v1/events/" + x + "/orders",
        staff, null);
    assertThat(attendees.statusCode()).as(attendees.bodyAsString()).isEqualTo(200);
    assertThat(attendees.bodyAsJsonObject().getJsonArray("items")).hasSize(1);
    assertProblem(api.call(HttpMethod.GET, "/v1/events/" + y + "/orders", staff, null), 404,
        "not-found");
    assertProblem(api.call(HttpMethod.GET, "/v1/events/" + x + "/orders", buyer, null), 404,
        "not-found");

    // Revoked: the door and the list are gone.
    assertThat(api.call(HttpMethod.DELETE, staffPath(x) + "/" + me(staff).getString("id"),
        organizer, null).statusCode()).isEqualTo(204);
    assertProblem(checkIn(staff, second.getString("code")), 404, "unknown-ticket");
    assertProblem(api.call(HttpMethod.GET, "/v1/events/" + x + "/orders", staff, null), 404,
        "not-found");
    assertThat(ticketStatus(second.getString("ticketId"))).isEqualTo("valid");

    // The organizer and admins may scan at any of their doors.
    assertThat(checkIn(organizer, second.getString("code")).statusCode()).isEqualTo(200);
    assertThat(checkIn(api.admin(), yTicket.getString("code")).statusCode()).isEqualTo(200);
    assertProblem(checkIn(api.organizer(), first.getString("code")), 404, "unknown-ticket");
    assertSound(x, 10);
    assertSound(y, 10);
  }

  @Test
  @DisplayName("twenty parallel scans of one code check it in exactly once; the others are told when")
  void parallelScansCheckInOnce() {
    String eventId = org.onSale(organizer, Organizing.body("Turnstile night", 10));
    List<String> people = api.buyers(2);
    String staff = people.get(1);
    JsonObject ticket = tickets(people.get(0), org.buy(people.get(0), eventId, 1)).get(0);
    assertThat(grant(organizer, eventId, me(staff).getString("email")).statusCode())
        .isEqualTo(201);

    List<Future<HttpResponse<Buffer>>> scans = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      scans.add(api.request(HttpMethod.POST, "/v1/checkins", staff)
          .sendJsonObject(new JsonObject().put("code", ticket.getString("code"))));
    }
    Api.await(Future.join(scans));
    int ok = 0;
    String checkedInAt = null;
    List<HttpResponse<Buffer>> refused = new ArrayList<>();
    for (Future<HttpResponse<Buffer>> f : scans) {
      HttpResponse<Buffer> r = f.result();
      if (r.statusCode() == 200) {
        ok++;
        checkedInAt = r.bodyAsJsonObject().getJsonObject("ticket").getString("checkedInAt");
      } else {
        refused.add(r);
      }
    }
    assertThat(ok).isEqualTo(1);
    assertThat(refused).hasSize(19);
    for (HttpResponse<Buffer> r : refused) {
      assertProblem(r, 409, "already-checked-in");
      assertThat(r.bodyAsJsonObject().getString("checkedInAt")).isEqualTo(checkedInAt);
    }
    assertThat(api.count("select count(*) from tickets where id = $1::uuid and status = 'used' "
        + "and checked_in_at is not null", ticket.getString("ticketId"))).isEqualTo(1);
    assertSound(eventId, 10);
  }
}
