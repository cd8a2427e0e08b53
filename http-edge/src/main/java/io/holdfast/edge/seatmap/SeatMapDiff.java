package io.holdfast.edge.seatmap;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * What changed between two availability snapshots of one event: per changed section its new
 * counts and, for a reserved section, the seats whose state changed (see {@link #seats}).
 */
final class SeatMapDiff {
  /** More changed seats than this in one row: the row is sent whole. */
  static final int ROW_AT = 4;

  private SeatMapDiff() {}

  /** The changes, or null when nothing changed. */
  static JsonObject between(JsonObject before, JsonObject after) {
    JsonArray old = before.getJsonArray("sections", new JsonArray());
    JsonArray now = after.getJsonArray("sections", new JsonArray());
    JsonArray changed = new JsonArray();
    for (int i = 0; i < now.size(); i++) {
      JsonObject s = now.getJsonObject(i);
      JsonObject was = i < old.size() ? old.getJsonObject(i) : new JsonObject();
      JsonObject diff = seats(s.getString("sectionId"), was.getJsonArray("rows"),
          s.getJsonArray("rows"));
      JsonObject seats = diff.getJsonObject("seats");
      JsonObject rows = diff.getJsonObject("rows");
      boolean counts = !same(was, s, "available") || !same(was, s, "held")
          || !same(was, s, "sold");
      if (counts || !seats.isEmpty() || !rows.isEmpty()) {
        JsonObject change = new JsonObject().put("sectionId", s.getString("sectionId"))
            .put("capacity", s.getValue("capacity")).put("available", s.getValue("available"))
            .put("held", s.getValue("held")).put("sold", s.getValue("sold"));
        if (s.getJsonArray("rows") != null) {
          change.put("seats", seats);
          if (!rows.isEmpty()) {
            change.put("rows", rows);
          }
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

  /** Whether the changes name seats or rows (not only counts). */
  static boolean hasSeats(JsonObject changes) {
    for (Object o : changes.getJsonArray("sections")) {
      JsonObject s = (JsonObject) o;
      JsonObject seats = s.getJsonObject("seats");
      if ((seats != null && !seats.isEmpty()) || s.getJsonObject("rows") != null) {
        return true;
      }
    }
    return false;
  }

  private static boolean same(JsonObject a, JsonObject b, String field) {
    Object x = a.getValue(field);
    return x != null && x.equals(b.getValue(field));
  }

  /**
   * A reserved section's changed seats: each changed row with more than {@link #ROW_AT} changes
   * whole ({@code rows: {label: "ffhs.."}}), the others seat by seat ({@code seats: {id: state}}).
   * A quiet moment sends a few seats; a burst never sends more than the map itself.
   */
  private static JsonObject seats(String sectionId, JsonArray before, JsonArray after) {
    JsonObject seats = new JsonObject();
    JsonObject rows = new JsonObject();
    if (after != null) {
      for (int r = 0; r < after.size(); r++) {
        JsonObject row = after.getJsonObject(r);
        String now = row.getString("seats");
        String was = before != null && r < before.size()
            ? before.getJsonObject(r).getString("seats") : null;
        if (now.equals(was)) {
          continue;
        }
        List<Integer> changed = new ArrayList<>();
        for (int k = 0; k < now.length(); k++) {
          if (was == null || k >= was.length() || was.charAt(k) != now.charAt(k)) {
            changed.add(k);
          }
        }
        if (changed.size() > ROW_AT) {
          rows.put(row.getString("label"), now);
        } else {
          for (int k : changed) {
            seats.put(sectionId + "-" + row.getString("label") + "-" + (k + 1),
                String.valueOf(now.charAt(k)));
          }
        }
      }
    }
    return new JsonObject().put("seats", seats).put("rows", rows);
  }
}
