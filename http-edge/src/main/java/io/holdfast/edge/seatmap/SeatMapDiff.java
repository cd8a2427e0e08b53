package io.holdfast.edge.seatmap;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * What changed between two availability snapshots of one event: per changed section its new
 * counts and, for a reserved section, the seats whose state changed ({@code {seatId: state}}).
 */
final class SeatMapDiff {
  private SeatMapDiff() {}

  /** The changes, or null when nothing changed. */
  static JsonObject between(JsonObject before, JsonObject after) {
    JsonArray old = before.getJsonArray("sections", new JsonArray());
    JsonArray now = after.getJsonArray("sections", new JsonArray());
    JsonArray changed = new JsonArray();
    for (int i = 0; i < now.size(); i++) {
      JsonObject s = now.getJsonObject(i);
      JsonObject was = i < old.size() ? old.getJsonObject(i) : new JsonObject();
      JsonObject seats = seats(s.getString("sectionId"), was.getJsonArray("rows"),
          s.getJsonArray("rows"));
      boolean counts = !same(was, s, "available") || !same(was, s, "held")
          || !same(was, s, "sold");
      if (counts || !seats.isEmpty()) {
        JsonObject change = new JsonObject().put("sectionId", s.getString("sectionId"))
            .put("capacity", s.getValue("capacity")).put("available", s.getValue("available"))
            .put("held", s.getValue("held")).put("sold", s.getValue("sold"));
        if (s.getJsonArray("rows") != null) {
          change.put("seats", seats);
        }
        changed.add(change);
      }
    }
    if (changed.isEmpty()) {
      return null;
    }
    return new JsonObject().put("eventId", after.getString("eventId"))
        .put("capacity", after.getValue("capacity")).put("available", after.getValue("available"))
        .put("held", after.getValue("held")).put("sold", after.getValue("sold"))
        .put("sections", changed);
  }

  private static boolean same(JsonObject a, JsonObject b, String field) {
    Object x = a.getValue(field);
    return x != null && x.equals(b.getValue(field));
  }

  private static JsonObject seats(String sectionId, JsonArray before, JsonArray after) {
    JsonObject seats = new JsonObject();
    if (after == null) {
      return seats;
    }
    for (int r = 0; r < after.size(); r++) {
      JsonObject row = after.getJsonObject(r);
      String now = row.getString("seats");
      String was = before != null && r < before.size()
          ? before.getJsonObject(r).getString("seats") : null;
      if (now.equals(was)) {
        continue;
      }
      for (int k = 0; k < now.length(); k++) {
        if (was == null || k >= was.length() || was.charAt(k) != now.charAt(k)) {
          seats.put(sectionId + "-" + row.getString("label") + "-" + (k + 1),
              String.valueOf(now.charAt(k)));
        }
      }
    }
    return seats;
  }
}
