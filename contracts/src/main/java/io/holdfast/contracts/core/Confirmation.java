package io.holdfast.contracts.core;

import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The answer to a {@link Confirm}: {@link Status#CONFIRMED} with one ticket per sold slot, or
 * {@link Status#UNAVAILABLE} with the {@code reason} (the payment is then refunded). {@code hold}
 * is the hold as it stands, or null when the core does not know it.
 */
public record Confirmation(Status status, String reason, HoldView hold, List<Ticket> tickets)
    implements CoreReply {
  public enum Status implements WireName {
    CONFIRMED,
    UNAVAILABLE;
  }

  /** Why a paid hold is refused. */
  public static final String HOLD_UNKNOWN = "hold-unknown";
  public static final String SEATS_RESOLD = "seats-resold";
  public static final String PURCHASE_LIMIT = "purchase-limit";

  public Confirmation {
    tickets = List.copyOf(tickets);
  }

  /**
   * A sold ticket: its section, its slot numbered section-wide (a reserved seat's slot is its
   * place in the section) and, for a reserved seat, its seat ID (else null).
   */
  public record Ticket(String sectionId, int slot, String seat) {
    JsonObject toJson() {
      return new JsonObject().put("sectionId", sectionId).put("slot", slot).put("seat", seat);
    }

    static Ticket fromJson(JsonObject json) {
      return new Ticket(json.getString("sectionId"), json.getInteger("slot"),
          json.getString("seat"));
    }
  }

  public static Confirmation confirmed(HoldView hold, List<Ticket> tickets) {
    return new Confirmation(Status.CONFIRMED, null, hold, tickets);
  }

  public static Confirmation unavailable(HoldView hold, String reason) {
    return new Confirmation(Status.UNAVAILABLE, reason, hold, List.of());
  }

  @Override
  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("status", status.wire());
    if (reason != null) {
      json.put("reason", reason);
    }
    if (hold != null) {
      json.put("hold", hold.toJson());
    }
    return json.put("tickets", Json.array(tickets, Ticket::toJson));
  }

  public static Confirmation fromJson(JsonObject json) {
    JsonObject hold = json.getJsonObject("hold");
    return new Confirmation(WireName.parse(Status.values(), json.getString("status")),
        json.getString("reason"), hold == null ? null : HoldView.fromJson(hold),
        Json.objects(json.getJsonArray("tickets"), Ticket::fromJson));
  }
}
