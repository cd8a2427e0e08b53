package io.holdfast.contracts.core;

import io.vertx.core.json.JsonObject;

/**
 * The answer to an {@link Expire}: every due hold is expired; when some were early
 * ({@link Status#NOT_DUE}) they are to be asked again in {@code retryInMillis}.
 */
public record Expired(Status status, long retryInMillis) implements CoreReply {
  public enum Status implements WireName {
    EXPIRED,
    NOT_DUE;
  }

  public static final Expired DONE = new Expired(Status.EXPIRED, 0);

  public static Expired notDue(long retryInMillis) {
    return new Expired(Status.NOT_DUE, retryInMillis);
  }

  @Override
  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("status", status.wire());
    return status == Status.NOT_DUE ? json.put("retryInMillis", retryInMillis) : json;
  }

  public static Expired fromJson(JsonObject json) {
    return new Expired(WireName.parse(Status.values(), json.getString("status")),
        json.getLong("retryInMillis", 0L));
  }
}
