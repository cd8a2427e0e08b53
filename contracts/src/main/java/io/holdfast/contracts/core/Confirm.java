package io.holdfast.contracts.core;

import io.holdfast.contracts.Addresses;
import io.vertx.core.json.JsonObject;

/** Turn a paid hold into sold tickets ({@link Confirmation}); asked twice, it answers the same. */
public record Confirm(String holdId) implements CoreRequest<Confirmation> {
  @Override
  public String address() {
    return Addresses.CONFIRM;
  }

  @Override
  public JsonObject toJson() {
    return new JsonObject().put("holdId", holdId);
  }

  public static Confirm fromJson(JsonObject json) {
    return new Confirm(json.getString("holdId"));
  }
}
