package io.holdfast.contracts.hold;

import io.vertx.core.json.JsonObject;

/**
 * A hold the core has taken, in the form the public API shows it. Times are RFC 3339 strings:
 * every hold of one batch shares them, so the core formats them once per batch.
 */
public record HoldGrant(String holdId, String eventId, String sectionId, int quantity,
    long amountCents, String currency, String createdAt, String expiresAt) {

  /** The grant as a JSON object (the hot path writes its JSON directly instead). */
  public JsonObject toJson() {
    return new JsonObject().put("holdId", holdId).put("eventId", eventId)
        .put("sectionId", sectionId).put("quantity", quantity).put("amountCents", amountCents)
        .put("currency", currency).put("createdAt", createdAt).put("expiresAt", expiresAt)
        .put("status", "active");
  }
}
