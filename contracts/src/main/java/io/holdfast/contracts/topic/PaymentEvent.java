package io.holdfast.contracts.topic;

import java.util.UUID;

/**
 * A record of the {@code payments} topic, for the payment-worker: a payment's outcome (Stripe's
 * webhooks, the simulated provider, reconciliation) or a refund asked for (an organizer's
 * refund, an event's cancellation). Written to the outbox in the transaction of the change;
 * written and read by {@link PaymentsTopic}.
 *
 * <p>An outcome carries its {@link Report}: who reported it, for the record only.
 */
public sealed interface PaymentEvent {
  /** The kinds, by their {@code type} on the wire. */
  enum Kind {
    SUCCEEDED("payment.succeeded"),
    FAILED("payment.failed"),
    CANCELED("payment.canceled"),
    REFUNDED("payment.refunded"),
    REFUND_REQUESTED("refund.requested");

    private final String type;

    Kind(String type) {
      this.type = type;
    }

    public String type() {
      return type;
    }

    /** The kind of {@code type}, or null for one this version does not know. */
    public static Kind of(String type) {
      for (Kind k : values()) {
        if (k.type.equals(type)) {
          return k;
        }
      }
      return null;
    }
  }

  Kind kind();

  /**
   * Who reported an outcome: Stripe's webhook ({@code stripeEventId}), or a {@code source} of
   * our own ({@code simulated}, {@code reconciliation}, with the intent's {@code stripeStatus}
   * it saw). Absent parts are null.
   */
  record Report(String source, String stripeEventId, String stripeStatus) {
    public static final Report NONE = new Report(null, null, null);
  }

  UUID paymentId();

  UUID holdId();

  UUID eventId();

  /** Paid: the hold is to be confirmed into an order. */
  record Succeeded(UUID paymentId, UUID holdId, UUID eventId, Report report)
      implements PaymentEvent {
    @Override
    public Kind kind() {
      return Kind.SUCCEEDED;
    }
  }

  /** Declined; the intent may still succeed with another card. */
  record Failed(UUID paymentId, UUID holdId, UUID eventId, Report report)
      implements PaymentEvent {
    @Override
    public Kind kind() {
      return Kind.FAILED;
    }
  }

  /** The intent will never be paid: the hold goes back. */
  record Canceled(UUID paymentId, UUID holdId, UUID eventId, Report report)
      implements PaymentEvent {
    @Override
    public Kind kind() {
      return Kind.CANCELED;
    }
  }

  /**
   * Stripe refunded the charge: {@code amountRefunded} of its {@code amount} so far (its running
   * total; both null meant in full), the latest refund being {@code refundId}.
   */
  record Refunded(UUID paymentId, UUID holdId, UUID eventId, String refundId,
      Long amountRefunded, Long amount, Report report) implements PaymentEvent {
    @Override
    public Kind kind() {
      return Kind.REFUNDED;
    }
  }

  /** A confirmed order is to be refunded, {@code requestedBy} whom and why. */
  record RefundRequested(UUID orderId, UUID paymentId, UUID holdId, UUID userId, UUID eventId,
      long amountCents, String currency, String reason, String requestedBy, String requestedAt)
      implements PaymentEvent {
    @Override
    public Kind kind() {
      return Kind.REFUND_REQUESTED;
    }
  }
}
