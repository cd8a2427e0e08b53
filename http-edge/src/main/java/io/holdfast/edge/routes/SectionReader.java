package io.holdfast.edge.routes;

import io.holdfast.contracts.Sharding;
import io.holdfast.edge.http.BodyReader;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads an event's sections: general admission ({@code capacity}) or reserved ({@code rows} of
 * {@code {label, seats}}, seat IDs {@code SECTION-ROW-NUMBER}). Every limit is checked here, so
 * a venue the core cannot sell never reaches PostgreSQL or the grid.
 */
final class SectionReader {
  /** Seats in one reserved section: one inventory entry, served by one partition thread. */
  static final int MAX_SECTION_SEATS = 20_000;
  static final int MAX_ROWS = 500;
  static final int MAX_ROW_SEATS = 500;
  static final int MAX_GENERAL = 1_000_000;
  /** Tickets in one event, all sections together. */
  static final long MAX_EVENT_TICKETS = 5_000_000;
  static final Set<String> SECTION_FIELDS = Set.of("id", "name", "priceCents", "kind",
      "capacity", "rows");
  private static final Set<String> ROW_FIELDS = Set.of("label", "seats");
  private static final Pattern ID = Pattern.compile("^[A-Za-z0-9]{1,16}$");
  private static final Pattern LABEL = Pattern.compile("^[A-Za-z0-9]{1,8}$");

  private SectionReader() {}

  static JsonArray read(BodyReader body) {
    JsonArray raw = body.array("sections", 1, 100);
    JsonArray sections = new JsonArray();
    if (raw == null) {
      return sections;
    }
    Set<String> ids = new HashSet<>();
    long total = 0;
    for (int i = 0; i < raw.size(); i++) {
      String path = "sections[" + i + "]";
      if (!(raw.getValue(i) instanceof JsonObject obj)) {
        body.error(path, "must be an object");
        continue;
      }
      BodyReader s = body.nested(obj, path).only(SECTION_FIELDS);
      String id = s.string("id", true, 1, 16);
      if (id != null && !ID.matcher(id).matches()) {
        s.error("id", "must be 1 to 16 letters or digits");
      } else if (id != null && !ids.add(id)) {
        s.error("id", "is used by another section");
      }
      String kind = s.string("kind", true, 1, 16);
      JsonObject section = new JsonObject().put("id", id)
          .put("name", s.has("name") ? s.string("name", false, 1, 200) : id)
          .put("kind", kind).put("priceCents", s.money("priceCents", 100_000_000));
      Integer capacity = null;
      if ("reserved".equals(kind)) {
        JsonArray rows = rows(s, id);
        capacity = rows == null ? null : seats(rows);
        if (s.has("capacity") && capacity != null
            && !capacity.equals(obj.getValue("capacity"))) {
          s.error("capacity", "must equal the seats of the rows (" + capacity + "), or be left "
              + "out");
        }
        section.put("rows", rows).put("shards", 1);
      } else if ("general".equals(kind)) {
        if (s.has("rows")) {
          s.error("rows", "belong to reserved sections; a general section has a capacity");
        }
        capacity = s.integer("capacity", null, 1, MAX_GENERAL);
        section.put("shards", capacity == null ? null : Sharding.shardsFor(capacity));
      } else if (kind != null) {
        s.error("kind", "must be general or reserved");
      }
      section.put("capacity", capacity);
      total += capacity == null ? 0 : capacity;
      sections.add(section);
    }
    if (total > MAX_EVENT_TICKETS) {
      body.error("sections", "add up to " + total + " tickets; an event sells at most "
          + MAX_EVENT_TICKETS);
    }
    return sections;
  }

  /** A reserved section's rows; null when they are unusable (the errors say why). */
  private static JsonArray rows(BodyReader s, String sectionId) {
    if (!s.has("rows")) {
      s.error("rows", "are required for a reserved section: [{label, seats}]");
      return null;
    }
    JsonArray raw = s.array("rows", 1, MAX_ROWS);
    if (raw == null) {
      return null;
    }
    JsonArray rows = new JsonArray();
    Set<String> labels = new HashSet<>();
    boolean ok = true;
    long seats = 0;
    for (int r = 0; r < raw.size(); r++) {
      String path = "rows[" + r + "]";
      if (!(raw.getValue(r) instanceof JsonObject obj)) {
        s.error(path, "must be an object {label, seats}");
        ok = false;
        continue;
      }
      BodyReader row = s.nested(obj, path).only(ROW_FIELDS);
      String label = row.string("label", true, 1, 8);
      Integer count = row.integer("seats", null, 1, MAX_ROW_SEATS);
      if (label != null && !LABEL.matcher(label).matches()) {
        row.error("label", "must be 1 to 8 letters or digits");
        label = null;
      } else if (label != null && !labels.add(label)) {
        row.error("label", "repeats row " + label + ": seat IDs " + sectionId + "-" + label
            + "-1 and on would name two seats");
        label = null;
      }
      if (label == null || count == null) {
        ok = false;
        continue;
      }
      seats += count;
      rows.add(new JsonObject().put("label", label).put("seats", count));
    }
    if (seats > MAX_SECTION_SEATS) {
      s.error("rows", "hold " + seats + " seats; a reserved section has at most "
          + MAX_SECTION_SEATS + " (split it into several sections)");
      ok = false;
    }
    return ok ? rows : null;
  }

  private static int seats(JsonArray rows) {
    int n = 0;
    for (int r = 0; r < rows.size(); r++) {
      n += rows.getJsonObject(r).getInteger("seats");
    }
    return n;
  }
}
