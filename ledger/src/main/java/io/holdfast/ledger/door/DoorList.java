package io.holdfast.ledger.door;

import io.holdfast.support.db.Rows;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * A check-in list: one entrance of an event. {@code sectionIds} null admits every section;
 * {@code opensAt} and {@code closesAt} null leave that side of the window open.
 */
public record DoorList(UUID id, UUID eventId, String name, List<String> sectionIds,
    Instant opensAt, Instant closesAt, boolean reentry, Instant createdAt) {

  /** Whether a ticket of this section may enter here. */
  public boolean covers(String sectionId) {
    return sectionIds == null || sectionIds.contains(sectionId);
  }

  /** Why a scan at {@code at} is refused by the window, or null when it is inside. */
  public ScanResult window(Instant at) {
    if (opensAt != null && at.isBefore(opensAt)) {
      return ScanResult.NOT_VALID_YET;
    }
    if (closesAt != null && !at.isBefore(closesAt)) {
      return ScanResult.LIST_CLOSED;
    }
    return null;
  }

  public JsonObject toJson() {
    return new JsonObject().put("id", id.toString()).put("eventId", eventId.toString())
        .put("name", name)
        .put("sectionIds", sectionIds == null ? null : new JsonArray(List.copyOf(sectionIds)))
        .put("opensAt", opensAt == null ? null : opensAt.toString())
        .put("closesAt", closesAt == null ? null : closesAt.toString())
        .put("reentry", reentry).put("createdAt", createdAt.toString());
  }

  /** A row of {@code checkin_lists}. */
  static DoorList of(Row r) {
    String[] sections = r.getArrayOfStrings("section_ids");
    return new DoorList(r.getUUID("id"), r.getUUID("event_id"), r.getString("name"),
        sections == null ? null : Arrays.asList(sections), instant(r, "opens_at"),
        instant(r, "closes_at"), r.getBoolean("reentry"), instant(r, "created_at"));
  }

  static Instant instant(Row r, String column) {
    OffsetDateTime t = r.getOffsetDateTime(column);
    return t == null ? null : t.toInstant();
  }

  /** The parameters a statement writes a list's fields with. */
  Object[] fields() {
    return new Object[] {name, sectionIds == null ? null : sectionIds.toArray(new String[0]),
        opensAt == null ? null : Rows.utc(opensAt), closesAt == null ? null : Rows.utc(closesAt),
        reentry};
  }
}
