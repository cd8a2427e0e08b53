package io.holdfast.contracts.topic;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The codec of the {@code holds} topic: {@code {"type":"holds.placed","eventId":…,
 * "expiresAt":…,"holdIds":[…]}}, keyed by the event.
 */
public final class HoldsTopic {
  public static final String HOLDS_PLACED = "holds.placed";
  /** One hold a record, as the core wrote them before windows: still read. */
  private static final String HOLD_PLACED = "hold.placed";

  private HoldsTopic() {}

  /**
   * Written directly: a window carries up to two thousand IDs, and building a JSON array of
   * them to encode it cost more than the rest of the publish. Hold IDs are UUIDs (no escaping
   * needed); the event ID is escaped.
   */
  public static String encode(String eventId, long expiresAt, List<String> holdIds) {
    StringBuilder json = new StringBuilder(96 + 39 * holdIds.size());
    json.append("{\"type\":\"" + HOLDS_PLACED + "\",\"eventId\":\"");
    JsonStringEncoder.getInstance().quoteAsString(eventId, json);
    json.append("\",\"expiresAt\":").append(expiresAt).append(",\"holdIds\":[");
    for (int i = 0; i < holdIds.size(); i++) {
      json.append(i == 0 ? "\"" : ",\"").append(holdIds.get(i)).append('"');
    }
    return json.append("]}").toString();
  }

  public static String encode(HoldsPlaced placed) {
    return encode(placed.eventId(), placed.expiresAt(), placed.holdIds());
  }

  /**
   * The placed holds a record carries; null for a record of another kind (skipped). A
   * malformed record (not JSON, no expiry, no hold IDs) is an {@link IllegalArgumentException}.
   */
  public static HoldsPlaced decode(String value) {
    JsonObject message;
    try {
      message = new JsonObject(value);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not a JSON object", e);
    }
    String type = message.getString("type");
    List<String> ids = new ArrayList<>();
    if (HOLDS_PLACED.equals(type)) {
      JsonArray array = message.getJsonArray("holdIds");
      for (int i = 0; array != null && i < array.size(); i++) {
        if (!(array.getValue(i) instanceof String id)) {
          throw new IllegalArgumentException("hold ID " + i + " is not a string");
        }
        ids.add(id);
      }
    } else if (HOLD_PLACED.equals(type)) {
      ids.add(message.getString("holdId"));
    } else {
      return null;
    }
    Long expiresAt = message.getLong("expiresAt");
    if (expiresAt == null || ids.isEmpty() || ids.contains(null)) {
      throw new IllegalArgumentException("no expiry or no hold IDs");
    }
    return new HoldsPlaced(message.getString("eventId"), expiresAt, ids);
  }
}
