package io.holdfast.contracts.core;

import io.holdfast.contracts.Addresses;
import io.vertx.core.json.JsonObject;

/** A sold hold was refunded: it becomes refunded and its slots go back on sale. */
public record Refund(String holdId) implements CoreRequest<RefundResult> {
  @Override
  public String address() {
    return Addresses.REFUND;
  }

  @Override
  public JsonObject toJson() {
    return new JsonObject().put("holdId", holdId);
  }

  public static Refund fromJson(JsonObject json) {
    return new Refund(json.getString("holdId"));
  }
}
