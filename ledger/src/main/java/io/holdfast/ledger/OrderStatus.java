package io.holdfast.ledger;

import io.holdfast.support.db.Stored;

/** An order's status in {@code orders.status}. */
public enum OrderStatus implements Stored {
  /** Paid, with live tickets. */
  CONFIRMED,
  /** Its money went back and its tickets are void. */
  REFUNDED;

  public static OrderStatus of(String stored) {
    return Stored.parse(values(), stored);
  }
}
