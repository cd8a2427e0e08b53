package io.holdfast.contracts.core;

import io.vertx.core.json.JsonObject;

/**
 * Published to every core when a rebuild put back what the grid had lost of an event; the
 * load began at {@code startedAt} (epoch ms).
 */
public record EventRebuilt(String eventId, long startedAt) {
  public JsonObject toJson() {
    return new JsonObject().put("eventId", eventId).put("startedAt", startedAt);
  }

  public static EventRebuilt fromJson(JsonObject json) {
    return new EventRebuilt(json.getString("eventId"), json.getLong("startedAt"));
  }
}
