package io.holdfast.app;

import static io.holdfast.testkit.http.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("An organizer's events and attendees")
class OrganizerListTest extends OrganizerTestBase {
  private JsonObject get(String token, String path) {
    HttpResponse<Buffer> r = api.call(HttpMethod.GET, path, token, null);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    return r.bodyAsJsonObject();
  }

  /** Every item of a list, following its cursor; asserts each page's size. */
  private List<JsonObject> all(String token, String path, int limit) {
    List<JsonObject> items = new ArrayList<>();
    String cursor = null;
    do {
      JsonObject page = get(token, path + (path.contains("?") ? "&" : "?") + "limit=" + limit
          + (cursor == null ? "" : "&cursor=" + cursor));
      JsonArray list = page.getJsonArray("items");
      assertThat(list.size()).isLessThanOrEqualTo(limit);
      list.forEach(item -> items.add((JsonObject) item));
      cursor = page.getString("nextCursor");
    } while (cursor != null);
    return items;
  }

  private static Map<String, JsonObject> byId(JsonArray items, String idField) {
    Map<String, JsonObject> map = new HashMap<>();
    items.forEach(item -> map.put(((JsonObject) item).getString(idField), (JsonObject) item));
    return map;
  }

  @Test
  @DisplayName("lists an organizer's own events, drafts too, with live counts; an admin sees everyone's")
  void ownEventsWithCounts() {
    String tag = "list" + UUID.randomUUID().toString().substring(0, 8);
    String draft = org.draft(organizer, Organizing.body("Draft " + tag, 50)).getString("id");
    String live = org.onSale(organizer, Organizing.body("Live " + tag, 20));
    List<String> buyers = api.buyers(2);
    org.buy(buyers.get(0), live, 3);
    assertThat(org.hold(buyers.get(1), live, 2).statusCode()).isEqualTo(201);

    Map<String, JsonObject> mine = byId(get(organizer, "/v1/organizer/events")
        .getJsonArray("items"), "id");
    assertThat(mine).containsOnlyKeys(draft, live);
    assertThat(mine.get(draft).getString("status")).isEqualTo("draft");
    assertThat(mine.get(draft).getJsonObject("counts")).isEqualTo(new JsonObject()
        .put("capacity", 50).put("available", 0).put("held", 0).put("sold", 0));
    assertThat(mine.get(live).getJsonObject("counts")).isEqualTo(new JsonObject()
        .put("capacity", 20).put("available", 15).put("held", 2).put("sold", 3));

    JsonArray drafts = get(organizer, "/v1/organizer/events?status=draft").getJsonArray("items");
    assertThat(drafts).hasSize(1);
    assertThat(drafts.getJsonObject(0).getString("id")).isEqualTo(draft);
    assertThat(get(organizer, "/v1/organizer/events?status=draft,on_sale")
        .getJsonArray("items")).hasSize(2);
    assertProblem(api.call(HttpMethod.GET, "/v1/organizer/events?status=gone", organizer, null),
        422, "validation");

    assertThat(get(api.organizer(), "/v1/organizer/events").getJsonArray("items")).isEmpty();
    assertThat(byId(get(api.admin(), "/v1/organizer/events?q=" + tag).getJsonArray("items"),
        "id")).containsOnlyKeys(draft, live);
    assertProblem(api.call(HttpMethod.GET, "/v1/organizer/events", buyers.get(0), null), 403,
        "forbidden");
    assertProblem(api.call(HttpMethod.GET, "/v1/organizer/events", null, null), 401,
        "unauthorized");
  }

  @Test
  @DisplayName("pages through an organizer's events with a cursor, each event once")
  void pagesThroughEvents() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ids.add(org.draft(organizer, Organizing.body("Page " + i, 10)).getString("id"));
    }
    List<JsonObject> items = all(organizer, "/v1/organizer/events", 2);
    assertThat(items).extracting(e -> e.getString("id")).containsExactlyInAnyOrderElementsOf(ids);
    assertProblem(api.call(HttpMethod.GET, "/v1/organizer/events?cursor=bm9wZQ", organizer, null),
        422, "validation");
  }

  @Test
  @DisplayName("the attendee list shows each order's buyer, status and tickets, page by page")
  void attendees() {
    String eventId = org.onSale(organizer, Organizing.body("Guest list night", 20));
    List<String> buyers = api.buyers(3);
    Map<String, Integer> quantities = new HashMap<>();
    int[] sizes = {1, 2, 1};
    for (int i = 0; i < 3; i++) {
      quantities.put(org.buy(buyers.get(i), eventId, sizes[i]), sizes[i]);
    }
    String path = "/v1/events/" + eventId + "/orders";
    List<JsonObject> orders = all(organizer, path, 2);
    assertThat(orders).extracting(o -> o.getString("orderId"))
        .containsExactlyInAnyOrderElementsOf(quantities.keySet());
    for (JsonObject order : orders) {
      assertThat(order.getString("status")).isEqualTo("confirmed");
      assertThat(order.getLong("amountCents"))
          .isEqualTo(2500L * quantities.get(order.getString("orderId")));
      assertThat(order.getJsonObject("buyer").getString("name")).startsWith("Buyer ");
      assertThat(order.getJsonObject("buyer").getString("email")).endsWith("@test.holdfast.dev");
      JsonArray tickets = order.getJsonArray("tickets");
      assertThat(tickets).hasSize(quantities.get(order.getString("orderId")));
      JsonObject ticket = tickets.getJsonObject(0);
      assertThat(ticket.getString("sectionId")).isEqualTo("GA");
      assertThat(ticket.getString("status")).isEqualTo("valid");
      assertThat(ticket.containsKey("slot")).isTrue();
      assertThat(ticket.containsKey("code")).isFalse();
    }
    assertThat(get(organizer, path + "?status=refunded").getJsonArray("items")).isEmpty();
    assertThat(get(api.admin(), path).getJsonArray("items")).hasSize(3);
    assertProblem(api.call(HttpMethod.GET, path + "?status=lost", organizer, null), 422,
        "validation");
    assertProblem(api.call(HttpMethod.GET, path, api.organizer(), null), 404, "not-found");
    // A buyer is not its staff: to them the event has no attendee list.
    assertProblem(api.call(HttpMethod.GET, path, buyers.get(0), null), 404, "not-found");
  }
}
