package io.holdfast.contracts.core;

import io.holdfast.contracts.Addresses;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Release holds whose time ran out, one or many. IDs that name no hold, or holds no longer
 * active, are left alone.
 */
public record Expire(List<String> holdIds) implements CoreRequest<Expired> {
  public Expire {
    holdIds = List.copyOf(holdIds);
  }

  public static Expire one(String holdId) {
    return new Expire(List.of(holdId));
  }

  @Override
  public String address() {
    return Addresses.EXPIRE;
  }

  @Override
  public JsonObject toJson() {
    return new JsonObject().put("holdIds", Json.array(holdIds, id -> id));
  }

  public static Expire fromJson(JsonObject json) {
    return new Expire(Json.strings(json.getJsonArray("holdIds")));
  }
}
