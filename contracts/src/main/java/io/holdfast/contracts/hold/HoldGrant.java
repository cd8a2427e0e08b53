package io.holdfast.contracts.hold;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * A hold the core has taken, in the form the public API shows it. Times are RFC 3339 strings:
 * every hold of one batch shares them, so the core formats them once per batch. {@code seats}
 * are the seat IDs of a reserved-seating hold, empty for general admission.
 */
public record HoldGrant(String holdId, String eventId, String sectionId, List<String> seats,
    int quantity, long amountCents, String currency, String createdAt, String expiresAt) {

  public HoldGrant {
    seats = seats == null ? List.of() : seats;
  }

  /** A general-admission grant. */
  public HoldGrant(String holdId, String eventId, String sectionId, int quantity,
      long amountCents, String currency, String createdAt, String expiresAt) {
    this(holdId, eventId, sectionId, List.of(), quantity, amountCents, currency, createdAt,
        expiresAt);
  }

  /** The grant as a JSON object (the hot path writes its JSON directly instead). */
  public JsonObject toJson() {
    return new JsonObject().put("holdId", holdId).put("eventId", eventId)
        .put("sectionId", sectionId).put("seats", new JsonArray(List.copyOf(seats)))
        .put("quantity", quantity).put("amountCents", amountCents)
        .put("currency", currency).put("createdAt", createdAt).put("expiresAt", expiresAt)
        .put("status", "active");
  }
}
