package io.holdfast.contracts.topic;

import java.util.UUID;

/**
 * A record of the {@code orders} topic: the outcome of one payment, written to the outbox with
 * the order. Written and read by {@link OrdersTopic}.
 */
public sealed interface OrderEvent {
  UUID orderId();

  UUID paymentId();

  UUID holdId();

  UUID eventId();

  /** The payment became an order with its tickets. */
  record Confirmed(UUID orderId, UUID paymentId, UUID holdId, UUID eventId)
      implements OrderEvent {}

  /** The payment was refunded ({@code reason}: why), as an order without live tickets. */
  record Refunded(UUID orderId, UUID paymentId, UUID holdId, UUID eventId, String reason)
      implements OrderEvent {}
}
