package io.holdfast.contracts;

/**
 * Kafka topics. Every record is keyed by event ID and carries a JSON object with a {@code type},
 * written and read only by the topic's codec in {@code io.holdfast.contracts.topic}.
 */
public final class Topics {
  private Topics() {}

  /**
   * {@code holds.placed}: the holds of one batch of one event ({@link
   * io.holdfast.contracts.topic.HoldsPlaced}, by {@link io.holdfast.contracts.topic.HoldsTopic});
   * read by the expiry-worker.
   */
  public static final String HOLDS = "holds";
  /**
   * {@code payment.succeeded}, {@code payment.failed}, {@code payment.canceled},
   * {@code payment.refunded} (Stripe's webhooks, the simulated provider, reconciliation) and
   * {@code refund.requested} (an organizer's refund, an event's cancellation): read by the
   * payment-worker ({@link io.holdfast.contracts.topic.PaymentEvent}, by {@link
   * io.holdfast.contracts.topic.PaymentsTopic}). Written to the outbox in the transaction of the
   * change, relayed at least once.
   */
  public static final String PAYMENTS = "payments";
  /**
   * {@code order.confirmed}, {@code order.refunded}: the outcome of each payment, written to the
   * outbox with the order ({@link io.holdfast.contracts.topic.OrderEvent}, by {@link
   * io.holdfast.contracts.topic.OrdersTopic}).
   */
  public static final String ORDERS = "orders";

  /**
   * {@code ticket.transferred}: a ticket changed holders, written to the outbox with the change
   * ({@link io.holdfast.contracts.topic.TicketEvent}, by {@link
   * io.holdfast.contracts.topic.TicketsTopic}); read by notify, which mails both people.
   */
  public static final String TICKETS = "tickets";

  public static final String[] ALL = {HOLDS, PAYMENTS, ORDERS, TICKETS};
}
