package io.holdfast.ledger;

import io.holdfast.support.db.Stored;

/** A ticket's status in {@code tickets.status}. */
public enum TicketStatus implements Stored {
  /** Issued, not scanned yet. */
  VALID,
  /** Checked in at the door. */
  USED,
  /** Refunded: it admits no one, and its place may be sold again. */
  VOID;

  public static TicketStatus of(String stored) {
    return Stored.parse(values(), stored);
  }
}
