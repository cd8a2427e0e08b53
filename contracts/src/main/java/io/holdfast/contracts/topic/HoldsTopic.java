package io.holdfast.contracts.topic;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * The codec of the {@code holds} topic: {@code {"type":"holds.placed","eventId":…,
 * "expiresAt":…,"holdIds":[…]}}, keyed by the event. Its {@link RequestIdHeader} lists the
 * request IDs of the holds in the order of {@code holdIds}, separated by spaces (a request ID
 * never has one), an empty place for a hold asked without one.
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

  /**
   * The header naming the requests of a window's holds, {@code requestIds} in the order of its
   * hold IDs (null for a hold asked without one); null (no header) when none has one. One
   * header for the record, not one per hold: a window carries up to two thousand holds.
   */
  public static Header requestIds(List<String> requestIds) {
    StringBuilder joined = new StringBuilder(27 * requestIds.size());
    boolean any = false;
    for (int i = 0; i < requestIds.size(); i++) {
      String id = requestIds.get(i);
      if (i > 0) {
        joined.append(' ');
      }
      if (id != null) {
        joined.append(id);
        any = true;
      }
    }
    return any ? new RecordHeader(RequestIdHeader.KEY,
        joined.toString().getBytes(StandardCharsets.US_ASCII)) : null;
  }

  /**
   * The request IDs a record's header lists, as one string to keep ({@link #requestIdAt} picks
   * a hold's), or null when it has none.
   */
  public static String requestIds(Headers headers) {
    return RequestIdHeader.read(headers);
  }

  /** The request ID of the hold at {@code index} in {@code requestIds}, or null. */
  public static String requestIdAt(String requestIds, int index) {
    if (requestIds == null) {
      return null;
    }
    int start = 0;
    for (int i = 0; i < index; i++) {
      start = requestIds.indexOf(' ', start) + 1;
      if (start == 0) {
        return null;
      }
    }
    int end = requestIds.indexOf(' ', start);
    String id = requestIds.substring(start, end < 0 ? requestIds.length() : end);
    return id.isEmpty() ? null : id;
  }
}
