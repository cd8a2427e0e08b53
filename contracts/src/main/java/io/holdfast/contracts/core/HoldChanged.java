package io.holdfast.contracts.core;

import io.vertx.core.json.JsonObject;

/** The status of a hold after a {@link Release} or an {@link Abandon}. */
public record HoldChanged(HoldStatus status) implements CoreReply {
  @Override
  public JsonObject toJson() {
    return new JsonObject().put("status", status.wire());
  }

  public static HoldChanged fromJson(JsonObject json) {
    return new HoldChanged(HoldStatus.of(json.getString("status")));
  }
}
