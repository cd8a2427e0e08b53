package io.holdfast.contracts.core;

/** Where a hold is in its life, as the core answers it. */
public enum HoldStatus implements WireName {
  ACTIVE("active"),
  CONFIRMED("confirmed"),
  EXPIRED("expired"),
  RELEASED("released"),
  /** Paid too late: its seats were gone and the payment is refunded. Shown as expired. */
  FORFEITED("forfeited"),
  /** Sold, then refunded: its seats went back to sale. Shown as released. */
  REFUNDED("refunded");

  private final String wire;

  HoldStatus(String wire) {
    this.wire = wire;
  }

  @Override
  public String wire() {
    return wire;
  }

  public static HoldStatus of(String wire) {
    return WireName.parse(values(), wire);
  }
}
