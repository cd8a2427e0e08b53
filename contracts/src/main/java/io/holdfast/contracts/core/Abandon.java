package io.holdfast.contracts.core;

import io.holdfast.contracts.Addresses;
import io.vertx.core.json.JsonObject;

/** Free the seats of a hold whose payment failed (if it is still only held). */
public record Abandon(String holdId) implements CoreRequest<HoldChanged> {
  @Override
  public String address() {
    return Addresses.ABANDON;
  }

  @Override
  public JsonObject toJson() {
    return new JsonObject().put("holdId", holdId);
  }

  public static Abandon fromJson(JsonObject json) {
    return new Abandon(json.getString("holdId"));
  }
}
