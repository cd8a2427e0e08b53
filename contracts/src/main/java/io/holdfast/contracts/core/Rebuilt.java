package io.holdfast.contracts.core;

import io.vertx.core.json.JsonObject;
import java.util.List;

/** The events a {@link RebuildEvents} rebuilt, and whether it rebuilt every event on sale. */
public record Rebuilt(List<String> rebuilt, boolean unknown) implements CoreReply {
  public Rebuilt {
    rebuilt = List.copyOf(rebuilt);
  }

  @Override
  public JsonObject toJson() {
    return new JsonObject().put("rebuilt", Json.array(rebuilt, id -> id)).put("unknown", unknown);
  }

  public static Rebuilt fromJson(JsonObject json) {
    return new Rebuilt(Json.strings(json.getJsonArray("rebuilt")),
        json.getBoolean("unknown", false));
  }
}
