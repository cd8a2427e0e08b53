package io.holdfast.contracts.core;

import io.vertx.core.json.JsonObject;

/**
 * A {@link LoadEvent} done: how many inventory entries the event has and how many sold holds
 * went back into their books; {@code ended} when it was only remembered as over (its inventory
 * evicted or due to be), {@code rebuilding} when only the event changed because it waits for
 * the rebuild of what the grid lost.
 */
public record Loaded(String eventId, int shards, int restoredHolds, boolean ended,
    boolean rebuilding) implements CoreReply {

  public static Loaded rebuildingOf(String eventId) {
    return new Loaded(eventId, 0, 0, false, true);
  }

  public static Loaded endedOf(String eventId) {
    return new Loaded(eventId, 0, 0, true, false);
  }

  @Override
  public JsonObject toJson() {
    return new JsonObject().put("eventId", eventId).put("shards", shards)
        .put("restoredHolds", restoredHolds).put("ended", ended).put("rebuilding", rebuilding);
  }

  public static Loaded fromJson(JsonObject json) {
    return new Loaded(json.getString("eventId"), json.getInteger("shards", 0),
        json.getInteger("restoredHolds", 0), json.getBoolean("ended", false),
        json.getBoolean("rebuilding", false));
  }
}
