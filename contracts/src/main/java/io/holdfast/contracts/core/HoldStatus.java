package io.holdfast.contracts.core;

/** Where a hold is in its life, as the core answers it. */
public enum HoldStatus implements WireName {
  ACTIVE,
  CONFIRMED,
  EXPIRED,
  RELEASED,
  /** Paid too late: its seats were gone and the payment is refunded. Shown as expired. */
  FORFEITED,
  /** Sold, then refunded: its seats went back to sale. Shown as released. */
  REFUNDED;

  public static HoldStatus of(String wire) {
    return WireName.parse(values(), wire);
  }
}
