package io.holdfast.contracts.core;

import io.holdfast.contracts.Addresses;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * From a member that lost partitions to the edge's inventory rebuild: rebuild these events
 * from PostgreSQL and, when {@code unknown}, every event on sale too (records of events were
 * lost). Answered with {@link Rebuilt} once all of it is done.
 */
public record RebuildEvents(List<String> eventIds, boolean unknown)
    implements CoreRequest<Rebuilt> {
  public RebuildEvents {
    eventIds = List.copyOf(eventIds);
  }

  @Override
  public String address() {
    return Addresses.REBUILD_EVENTS;
  }

  @Override
  public JsonObject toJson() {
    return new JsonObject().put("eventIds", Json.array(eventIds, id -> id))
        .put("unknown", unknown);
  }

  public static RebuildEvents fromJson(JsonObject json) {
    return new RebuildEvents(Json.strings(json.getJsonArray("eventIds")),
        json.getBoolean("unknown", false));
  }
}
