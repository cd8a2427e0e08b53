package io.holdfast.contracts;

/** Kafka topics. Every record is keyed by event ID and carries a JSON object with a {@code type}. */
public final class Topics {
  private Topics() {}

  /**
   * {@code holds.placed}: the holds of one batch of one event, {@code {eventId, expiresAt
   * (epoch millis), holdIds[]}}; read by the expiry-worker.
   */
  public static final String HOLDS = "holds";
  /**
   * {@code payment.succeeded}, {@code payment.failed}, {@code payment.canceled},
   * {@code payment.refunded} (Stripe's webhooks, the simulated provider, reconciliation) and
   * {@code refund.requested} (an organizer's refund, an event's cancellation): read by the
   * payment-worker. Written to the outbox in the transaction of the change, relayed at least
   * once.
   */
  public static final String PAYMENTS = "payments";
  /**
   * {@code order.confirmed}, {@code order.refunded}: the outcome of each payment, written to the
   * outbox with the order.
   */
  public static final String ORDERS = "orders";

  public static final String[] ALL = {HOLDS, PAYMENTS, ORDERS};
}
