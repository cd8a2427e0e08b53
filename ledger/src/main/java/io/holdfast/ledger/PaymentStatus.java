package io.holdfast.ledger;

import io.holdfast.support.db.Stored;

/** A payment's status in {@code payments.status} (Stripe's spellings, V6's constraint). */
public enum PaymentStatus implements Stored {
  /** Made at checkout; not paid yet. */
  REQUIRES_PAYMENT,
  /** Paid, as the webhook or the simulated provider says; the worker has yet to settle it. */
  PROCESSING,
  /** Settled: its order is confirmed, with tickets. */
  SUCCEEDED,
  /** A declined attempt: the buyer may try again while the hold lasts. */
  FAILED,
  /** Will never be paid; its hold is given back. */
  CANCELED,
  /** The money went back, in full. */
  REFUNDED;

  /** Not settled yet: a success may still arrive and be taken. */
  public static final String PENDING = Stored.sql(REQUIRES_PAYMENT, FAILED);

  public static PaymentStatus of(String stored) {
    return Stored.parse(values(), stored);
  }
}
