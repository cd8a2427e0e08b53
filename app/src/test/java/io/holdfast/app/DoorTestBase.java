package io.holdfast.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/** What the tests of staff, check-in, refunds and ownership share: orders, tickets, the door. */
abstract class DoorTestBase extends OrganizerTestBase {
  /** The account behind a token, as {@code GET /v1/me} shows it. */
  JsonObject me(String token) {
    HttpResponse<Buffer> r = api.call(HttpMethod.GET, "/v1/me", token, null);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    return r.bodyAsJsonObject();
  }

  /** The order as its buyer sees it. */
  JsonObject order(String buyer, String orderId) {
    HttpResponse<Buffer> r = api.call(HttpMethod.GET, "/v1/orders/" + orderId, buyer, null);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    return r.bodyAsJsonObject();
  }

  /** The order's tickets, with their codes, as its buyer sees them. */
  List<JsonObject> tickets(String buyer, String orderId) {
    JsonArray tickets = order(buyer, orderId).getJsonArray("tickets");
    List<JsonObject> list = new ArrayList<>();
    tickets.forEach(t -> list.add((JsonObject) t));
    return list;
  }

  HttpResponse<Buffer> checkIn(String token, String code) {
    return api.call(HttpMethod.POST, "/v1/checkins", token, new JsonObject().put("code", code));
  }

  /** A check-in list of the event, created by {@code token}; answers the list. */
  JsonObject newList(String token, String eventId, JsonObject body) {
    HttpResponse<Buffer> r = api.call(HttpMethod.POST, lists(eventId), token, body);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
    return r.bodyAsJsonObject();
  }

  String lists(String eventId) {
    return "/v1/events/" + eventId + "/checkin-lists";
  }

  /** Adds the account behind {@code member} to the list's staff. */
  void addListStaff(String eventId, String listId, String member) {
    HttpResponse<Buffer> r = api.call(HttpMethod.POST, lists(eventId) + "/" + listId + "/staff",
        organizer, new JsonObject().put("userId", me(member).getString("id")));
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
  }

  HttpResponse<Buffer> scanAt(String token, String code, String listId) {
    return api.call(HttpMethod.POST, "/v1/checkins", token, new JsonObject().put("code", code)
        .put("listId", listId));
  }

  HttpResponse<Buffer> batch(String token, String eventId, JsonObject body) {
    return api.call(HttpMethod.POST, "/v1/events/" + eventId + "/checkins/batch", token, body);
  }

  /** One offline scan of a batch. */
  static JsonObject offline(String code, String scannedAt, String nonce) {
    return new JsonObject().put("code", code).put("scannedAt", scannedAt).put("nonce", nonce);
  }

  HttpResponse<Buffer> grant(String token, String eventId, String email) {
    return api.call(HttpMethod.POST, "/v1/events/" + eventId + "/staff", token,
        new JsonObject().put("email", email));
  }

  String ticketStatus(String ticketId) {
    return Api.await(api.sql.preparedQuery("select status from tickets where id = $1::uuid")
        .execute(Tuple.of(ticketId))).iterator().next().getString(0);
  }

  /** Never more live tickets than seats, and never one seat in two live tickets. */
  void assertSound(String eventId, int capacity) {
    long live = api.count("select count(*) from tickets where event_id = $1::uuid "
        + "and status <> 'void'", eventId);
    assertThat(live).isLessThanOrEqualTo(capacity);
    assertThat(api.count("select count(distinct (section_id, slot)) from tickets "
        + "where event_id = $1::uuid and status <> 'void'", eventId)).isEqualTo(live);
    JsonObject counts = api.availability(eventId);
    assertThat(counts.getInteger("sold")).isLessThanOrEqualTo(capacity);
    assertThat(counts.getInteger("sold") + counts.getInteger("held")
        + counts.getInteger("available")).isEqualTo(capacity);
  }
}
