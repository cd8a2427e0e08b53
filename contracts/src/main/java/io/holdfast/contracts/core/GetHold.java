package io.holdfast.contracts.core;

import io.holdfast.contracts.Addresses;
import io.vertx.core.json.JsonObject;

/** Read one hold; with a {@code buyerId}, only if that buyer holds it (else 404). */
public record GetHold(String holdId, String buyerId) implements CoreRequest<HoldView> {
  /** Whoever holds it. */
  public static GetHold any(String holdId) {
    return new GetHold(holdId, null);
  }

  @Override
  public String address() {
    return Addresses.GET_HOLD;
  }

  @Override
  public JsonObject toJson() {
    return new JsonObject().put("holdId", holdId).put("buyerId", buyerId);
  }

  public static GetHold fromJson(JsonObject json) {
    return new GetHold(json.getString("holdId"), json.getString("buyerId"));
  }
}
