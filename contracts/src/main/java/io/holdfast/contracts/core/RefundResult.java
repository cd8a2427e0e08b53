package io.holdfast.contracts.core;

import io.vertx.core.json.JsonObject;

/**
 * The answer to a {@link Refund}: {@link HoldStatus#REFUNDED} with how many slots this call put
 * back on sale (0 on a repeat), or the status of a hold that was not sold, left alone.
 */
public record RefundResult(HoldStatus status, int returned) implements CoreReply {
  @Override
  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("status", status.wire());
    return status == HoldStatus.REFUNDED ? json.put("returned", returned) : json;
  }

  public static RefundResult fromJson(JsonObject json) {
    return new RefundResult(HoldStatus.of(json.getString("status")),
        json.getInteger("returned", 0));
  }
}
