package io.holdfast.ledger.ticket;

import io.holdfast.support.db.Stored;

/** Why a ticket's version stopped admitting anyone, in {@code ticket_revocations.reason}. */
public enum Revocation implements Stored {
  /** Its holder gave it to someone else: the new version has a new code. */
  TRANSFERRED,
  /** Its holder asked for a new code (a leaked one, say). */
  REISSUED,
  /** Its order was refunded: the ticket is void. */
  REFUNDED,
  /** Its event was cancelled and the order refunded: the ticket is void. */
  CANCELLED;

  public static Revocation of(String stored) {
    return Stored.parse(values(), stored);
  }
}
