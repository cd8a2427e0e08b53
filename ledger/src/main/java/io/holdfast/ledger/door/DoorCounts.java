package io.holdfast.ledger.door;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import java.util.UUID;

/**
 * The door's counts for an organizer, per list and for the event: scans admitted, let back in,
 * refused as duplicates and refused otherwise (with each reason), the live tickets a list
 * covers, and the event's live tickets and those checked in. Every scan is counted once, so a list's scans add up to its four counts,
 * and the event's to its lists' and those scanned without a list.
 */
final class DoorCounts {
  private DoorCounts() {}

  /** {@code {event, lists: {listId: counts}, withoutList}} */
  static JsonObject of(RowSet<Row> scans, RowSet<Row> tickets) {
    JsonObject event = empty();
    JsonObject lists = new JsonObject();
    JsonObject withoutList = empty();
    for (Row r : tickets) {
      UUID list = r.getUUID("id");
      JsonObject counts = list == null ? event : lists.getJsonObject(list.toString(), empty());
      if (list == null) {
        counts.put("tickets", r.getLong("covered")).put("checkedIn", r.getLong("checked_in"));
      } else {
        lists.put(list.toString(), counts.put("covered", r.getLong("covered")));
      }
    }
    for (Row r : scans) {
      UUID list = r.getUUID("list_id");
      ScanResult result = ScanResult.of(r.getString("result"));
      long n = r.getLong("n");
      add(event, result, n);
      if (list == null) {
        add(withoutList, result, n);
      } else {
        JsonObject counts = lists.getJsonObject(list.toString());
        if (counts != null) {
          add(counts, result, n);
        }
      }
    }
    return new JsonObject().put("event", event).put("lists", lists)
        .put("withoutList", withoutList);
  }

  static JsonObject empty() {
    return new JsonObject().put("scans", 0L).put("admitted", 0L).put("reentered", 0L)
        .put("duplicates", 0L).put("refused", 0L).put("refusedBy", new JsonObject());
  }

  private static void add(JsonObject counts, ScanResult result, long n) {
    counts.put("scans", counts.getLong("scans") + n);
    switch (result) {
      case ADMITTED -> counts.put("admitted", counts.getLong("admitted") + n);
      case REENTERED -> counts.put("reentered", counts.getLong("reentered") + n);
      case ALREADY_CHECKED_IN -> counts.put("duplicates", counts.getLong("duplicates") + n);
      default -> {
        counts.put("refused", counts.getLong("refused") + n);
        JsonObject by = counts.getJsonObject("refusedBy");
        by.put(result.stored(), by.getLong(result.stored(), 0L) + n);
      }
    }
  }
}
