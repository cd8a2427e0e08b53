package io.holdfast.edge.http;

import io.vertx.core.json.JsonObject;

/** A successful answer, kept as data so an idempotent route can store and replay it. */
public record Reply(int status, JsonObject body, String location) {
  public static Reply ok(JsonObject body) {
    return new Reply(200, body, null);
  }

  public static Reply created(JsonObject body, String location) {
    return new Reply(201, body, location);
  }

  public static Reply accepted(JsonObject body) {
    return new Reply(202, body, null);
  }

  public static Reply noContent() {
    return new Reply(204, null, null);
  }

  public JsonObject toJson() {
    return new JsonObject().put("s", status).put("b", body).put("l", location);
  }

  public static Reply fromJson(JsonObject json) {
    return new Reply(json.getInteger("s"), json.getJsonObject("b"), json.getString("l"));
  }
}
