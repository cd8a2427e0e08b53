package io.holdfast.contracts.core;

import io.vertx.core.json.JsonObject;

/** The answer to a {@link Ping}: how many members the grid cluster has. */
public record Pong(int members) implements CoreReply {
  @Override
  public JsonObject toJson() {
    return new JsonObject().put("members", members);
  }

  public static Pong fromJson(JsonObject json) {
    return new Pong(json.getInteger("members", 0));
  }
}
