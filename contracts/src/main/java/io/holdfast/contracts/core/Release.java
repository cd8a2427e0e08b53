package io.holdfast.contracts.core;

import io.holdfast.contracts.Addresses;
import io.vertx.core.json.JsonObject;

/**
 * The holder gives a hold back ({@code buyerId}: only if that buyer holds it); a sold hold is a
 * 409. Answers the hold's status after it.
 */
public record Release(String holdId, String buyerId) implements CoreRequest<HoldChanged> {
  @Override
  public String address() {
    return Addresses.RELEASE;
  }

  @Override
  public JsonObject toJson() {
    return new JsonObject().put("holdId", holdId).put("buyerId", buyerId);
  }

  public static Release fromJson(JsonObject json) {
    return new Release(json.getString("holdId"), json.getString("buyerId"));
  }
}
