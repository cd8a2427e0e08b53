package io.holdfast.contracts.core;

import io.holdfast.contracts.Addresses;
import io.vertx.core.json.JsonObject;

/** Readiness: is a core there? Answered with the size of the grid cluster. */
public record Ping() implements CoreRequest<Pong> {
  @Override
  public String address() {
    return Addresses.PING;
  }

  @Override
  public JsonObject toJson() {
    return new JsonObject();
  }

  public static Ping fromJson(JsonObject json) {
    return new Ping();
  }
}
