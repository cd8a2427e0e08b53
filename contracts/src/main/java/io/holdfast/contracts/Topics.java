package io.holdfast.contracts;

/** Kafka topics. Every record is keyed by event ID and carries a JSON object with a {@code type}. */
public final class Topics {
  private Topics() {}

  /**
   * {@code holds.placed}: the holds of one batch of one event, {@code {eventId, expiresAt
   * (epoch millis), holdIds[]}}; read by the expiry-worker.
   */
  public static final String HOLDS = "holds";
  /** {@code payment.succeeded}, {@code payment.failed}: read by the payment-worker. */
  public static final String PAYMENTS = "payments";
  /** {@code order.confirmed}, {@code order.refunded}: the outcome of each payment. */
  public static final String ORDERS = "orders";

  public static final String[] ALL = {HOLDS, PAYMENTS, ORDERS};
}
