package io.holdfast.contracts.core;

import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * A hold as the core shows it: times are ISO-8601 instants, {@code seats} the seat IDs of a
 * reserved hold (empty for general admission), {@code onBehalfOf} the partner's customer or
 * null. Its JSON (without {@code buyerId}) is what the public API shows.
 */
public record HoldView(String holdId, String eventId, String buyerId, String sectionId,
    List<String> seats, int quantity, long amountCents, String currency, String createdAt,
    String expiresAt, HoldStatus status, String onBehalfOf) implements CoreReply {

  public HoldView {
    seats = List.copyOf(seats);
  }

  @Override
  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("holdId", holdId).put("eventId", eventId)
        .put("buyerId", buyerId).put("sectionId", sectionId)
        .put("seats", Json.array(seats, s -> s)).put("quantity", quantity)
        .put("amountCents", amountCents).put("currency", currency).put("createdAt", createdAt)
        .put("expiresAt", expiresAt).put("status", status.wire());
    return onBehalfOf == null ? json : json.put("onBehalfOf", onBehalfOf);
  }

  public static HoldView fromJson(JsonObject json) {
    return new HoldView(json.getString("holdId"), json.getString("eventId"),
        json.getString("buyerId"), json.getString("sectionId"),
        Json.strings(json.getJsonArray("seats")), json.getInteger("quantity"),
        json.getLong("amountCents"), json.getString("currency"), json.getString("createdAt"),
        json.getString("expiresAt"), HoldStatus.of(json.getString("status")),
        json.getString("onBehalfOf"));
  }
}
