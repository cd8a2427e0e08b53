package io.holdfast.payment;

import io.holdfast.ledger.OrderStatus;
import io.holdfast.ledger.PaymentStatus;
import io.holdfast.ledger.order.OrderLedger;
import io.holdfast.contracts.topic.PaymentEvent;
import io.holdfast.contracts.topic.PaymentsTopic;
import io.holdfast.contracts.topic.RequestIdHeader;
import io.holdfast.contracts.core.Confirmation;
import io.holdfast.contracts.problem.ProblemException;
import io.holdfast.ledger.order.OrderLedger.Outcome;
import io.holdfast.ledger.order.OrderLedger.Payment;
import io.holdfast.ledger.ticket.TicketCodes;
import io.holdfast.support.log.LogFields;
import io.holdfast.support.metrics.Meters;
import io.holdfast.support.payment.StripeGateway;
import io.micrometer.core.instrument.Counter;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settles one payment outcome: a success becomes a confirmed order with tickets (or a refund
 * when the seats are gone); a failure (a declined card) is recorded but keeps the hold, since
 * the buyer may pay the same intent with another card; a cancellation gives the seats back; a
 * refund in full (asked for, or reported by Stripe) voids the order and, while its event is on
 * sale, puts its seats back on sale, and a partial one reported by Stripe is recorded and
 * leaves the order as it is. A success is final: a failure or cancellation after it changes
 * nothing. Idempotent by payment ID, so a redelivered or concurrently duplicated record
 * settles the payment once. Money goes back through the provider before the refund is
 * recorded: a crash in between redoes the provider's call with the same idempotency key, which
 * Stripe answers with the same refund. Seats go back after the refund is recorded, and every
 * repeat asks the core again (it changes nothing the second time), so a crash in between
 * loses no seat. Every line about a record carries the ID of the request that caused it
 * ({@code rid} below, null when none did), and so does the order's event it writes.
 */
final class Settlement {
  private static final Logger LOG = LoggerFactory.getLogger(Settlement.class);

  static final String DOUBLE_SALE_PREVENTED = "double-sale-prevented";
  static final String EVENT_CANCELLED = OrderLedger.EVENT_CANCELLED;
  static final String REFUNDED_AT_STRIPE = "refunded-at-stripe";

  private final OrderLedger ledger;
  private final StripeGateway stripe;
  private final CoreRequests core;
  private final TicketCodes codes;
  /** Payments settled, by the status each ended in: counted once, by the delivery that did. */
  private final Counter succeeded;
  private final Counter failed;
  private final Counter canceled;
  private final Counter refunded;

  /** {@code stripe} is null when no Stripe key is configured. */
  Settlement(Vertx vertx, OrderLedger ledger, TicketCodes codes, StripeGateway stripe,
      long busTimeoutMillis) {
    this.ledger = ledger;
    this.codes = codes;
    this.stripe = stripe;
    this.core = new CoreRequests(vertx, busTimeoutMillis);
    Meters meters = Meters.of(vertx);
    this.succeeded = payments(meters, PaymentStatus.SUCCEEDED);
    this.failed = payments(meters, PaymentStatus.FAILED);
    this.canceled = payments(meters, PaymentStatus.CANCELED);
    this.refunded = payments(meters, PaymentStatus.REFUNDED);
  }

  private static Counter payments(Meters meters, PaymentStatus status) {
    return meters.counter("holdfast_payments_total", "Payment outcomes the payment worker "
        + "settled, by the status the payment took: succeeded (an order confirmed), failed "
        + "(declined), canceled, refunded", "status", status.stored());
  }

  /**
   * A record of the payments topic, read: its message (null for a kind this version does not
   * know), the payment it is about, and the ID of the request that caused it (null: none),
   * which every line about it carries and the order's event carries on.
   */
  record Record(PaymentEvent message, UUID paymentId, String requestId) {
    /** What the records of one payment share (the worker settles them one after another). */
    String paymentKey() {
      return paymentId.toString();
    }
  }

  /** The record read, or null (logged) when it is malformed: nothing can be done with it. */
  static Record read(KafkaConsumerRecord<String, String> record) {
    try {
      JsonObject json = new JsonObject(record.value());
      PaymentEvent message = PaymentsTopic.decode(json);
      return new Record(message, message != null ? message.paymentId()
          : UUID.fromString(json.getString("paymentId")),
          RequestIdHeader.read(record.record().headers()));
    } catch (RuntimeException e) {
      LOG.warn("Skipping malformed record {}-{}@{}: {}", record.topic(), record.partition(),
          record.offset(), e.toString());
      return null;
    }
  }

  /**
   * Handles one record of the payments topic, as {@link #read} read it. Fails only when trying
   * again may help (the database, the core or Stripe did not answer); a record that can never
   * succeed is logged and done.
   */
  Future<Void> handle(KafkaConsumerRecord<String, String> record, Record parsed) {
    if (parsed == null) {
      return Future.succeededFuture();
    }
    PaymentEvent message = parsed.message();
    UUID paymentId = parsed.paymentId();
    String rid = parsed.requestId();
    if (message == null) {
      LogFields.requestId(LOG.atDebug(), rid).log("Ignoring a record of a kind not known here "
          + "for payment {}", paymentId);
      return Future.succeededFuture();
    }
    PaymentEvent.Kind type = message.kind();
    LogFields.requestId(LOG.atDebug(), rid).log("Settling {} of payment {}", type, paymentId);
    Future<Void> handled = switch (type) {
      case SUCCEEDED -> succeeded(paymentId, rid);
      case FAILED -> declined(paymentId, rid);
      case CANCELED -> canceled(paymentId, message.holdId(), rid);
      case REFUNDED -> {
        PaymentEvent.Refunded refunded = (PaymentEvent.Refunded) message;
        yield refundedAtStripe(paymentId, refunded.refundId(), refunded.amountRefunded(),
            refunded.amount(), rid);
      }
      case REFUND_REQUESTED -> refundRequested(paymentId, (PaymentEvent.RefundRequested) message,
          rid);
    };
    return handled.recover(t -> {
      if (t instanceof ProblemException pe && pe.problem().status() < 500) {
        // The core refused for good (e.g. a malformed request): retrying would block the partition.
        LogFields.requestId(LOG.atError(), rid).log("Giving up on {} of payment {}: the core "
            + "answered {}", type, paymentId, pe.problem().toJson().encode());
        return Future.succeededFuture();
      }
      return Future.failedFuture(t);
    });
  }

  private Future<Void> succeeded(UUID paymentId, String rid) {
    return ledger.payment(paymentId).compose(payment -> {
      if (payment == null) {
        LogFields.requestId(LOG.atWarn(), rid).log("Payment {} succeeded but is unknown here; "
            + "nothing to confirm", paymentId);
        return Future.succeededFuture();
      }
      if (payment.orderId() != null) {
        LogFields.requestId(LOG.atDebug(), rid).log("Payment {} already settled as order {}",
            paymentId, payment.orderId());
        // A crash may have come between losing the race below and giving the seats back.
        return refundedFirst(payment) ? core.returnSeats(payment) : Future.succeededFuture();
      }
      return core.confirm(payment.holdId())
          .compose(reply -> switch (reply.status()) {
            case CONFIRMED -> confirmed(payment, reply, rid);
            case UNAVAILABLE -> refund(payment,
                reply.reason() == null ? "seats-unavailable" : reply.reason(), rid);
          });
    });
  }

  private Future<Void> confirmed(Payment payment, Confirmation reply, String rid) {
    List<OrderLedger.Ticket> tickets = new ArrayList<>();
    for (Confirmation.Ticket ticket : reply.tickets()) {
      tickets.add(new OrderLedger.Ticket(ticket.sectionId(), ticket.slot(), ticket.seat()));
    }
    UUID orderId = UUID.randomUUID();
    return ledger.confirm(payment, orderId, tickets, rid).compose(outcome -> {
      if (outcome == Outcome.RECORDED) {
        succeeded.increment();
        LogFields.requestId(LOG.atInfo(), rid).log("Order {} confirmed: payment {}, hold {}, "
                + "event {}, {} ticket(s) {}", orderId, payment.id(), payment.holdId(),
            payment.eventId(), tickets.size(), tickets);
        // Signed after the commit, off the event loop, before the record counts as done. A
        // failure is not the order's: a holder reading the ticket signs it then, and
        // housekeeping signs what is left unsigned.
        return codes.ensureSigned(orderId).recover(t -> {
          LogFields.requestId(LOG.atWarn(), rid).setCause(t).log("Tickets of order {} are not "
              + "signed yet; they will be", orderId);
          return Future.succeededFuture();
        });
      }
      if (outcome == Outcome.DOUBLE_SALE) {
        LogFields.requestId(LOG.atError(), rid).log("Double sale prevented: hold {} of event "
                + "{} was given tickets {} that already have live tickets; refunding payment {}",
            payment.holdId(), payment.eventId(), tickets, payment.id());
        return refund(payment, DOUBLE_SALE_PREVENTED, rid);
      }
      if (outcome == Outcome.EVENT_CANCELLED) {
        LogFields.requestId(LOG.atInfo(), rid).log("Payment {} succeeded after event {} was "
            + "cancelled; refunding it", payment.id(), payment.eventId());
        return refund(payment, EVENT_CANCELLED, rid);
      }
      // Settled by another delivery. When that was Stripe's refund (charge.refunded racing
      // this success), the core has just sold the hold for nothing: its seats go back.
      return ledger.payment(payment.id()).compose(settled -> {
        if (settled != null && refundedFirst(settled)) {
          LogFields.requestId(LOG.atInfo(), rid).log("Payment {} was refunded at Stripe while it "
              + "was being confirmed; the seats of hold {} go back on sale", payment.id(),
              payment.holdId());
          return core.returnSeats(settled);
        }
        LogFields.requestId(LOG.atDebug(), rid).log("Payment {} was settled by another "
            + "delivery", payment.id());
        return Future.succeededFuture();
      });
    });
  }

  /** Whether Stripe's refund settled the payment before any order was confirmed for it. */
  private static boolean refundedFirst(Payment payment) {
    return payment.refunded() && !payment.ticketed()
        && REFUNDED_AT_STRIPE.equals(payment.orderReason());
  }

  /**
   * Refunds a confirmed order on request (an organizer's refund, or its event was cancelled):
   * the provider gives the money back, then the order is refunded, its tickets void and its
   * payment refunded. Idempotent by order: a repeat finds the order refunded already.
   */
  private Future<Void> refundRequested(UUID paymentId, PaymentEvent.RefundRequested message,
      String rid) {
    String reason = message.reason() == null ? "refund-requested" : message.reason();
    return ledger.payment(paymentId).compose(payment -> {
      if (payment != null && payment.refunded() && payment.ticketed()) {
        // Refunded already: a repeat, perhaps after a crash before its seats went back.
        return core.returnSeats(payment);
      }
      if (payment == null || payment.orderStatus() != OrderStatus.CONFIRMED) {
        LogFields.requestId(LOG.atDebug(), rid).log("Payment {} has no confirmed order "
            + "(refunded already, or unknown); nothing to refund", paymentId);
        return Future.succeededFuture();
      }
      return giveBack(payment, reason)
          .compose(refundId -> refundConfirmed(payment, reason, refundId, rid));
    });
  }

  /**
   * The money is back ({@code refundId}, null for the simulated provider): the confirmed order
   * becomes refunded, its tickets void, its payment refunded, and its seats go back on sale. A
   * repeat finds the order refunded and changes nothing.
   */
  private Future<Void> refundConfirmed(Payment payment, String reason, String refundId,
      String rid) {
    return ledger.refundOrder(payment.orderId(), reason, refundId, rid).compose(refunded -> {
      if (refunded == null) {
        return Future.succeededFuture();
      }
      this.refunded.increment();
      LogFields.requestId(LOG.atInfo(), rid).log("Order {} refunded ({} {} via {}, {}, refund "
              + "{}): payment {}, event {}; its tickets are void", payment.orderId(),
          payment.amountCents(), payment.currency(), payment.provider(), reason, refundId,
          payment.id(), payment.eventId());
      return core.returnSeats(refunded);
    });
  }

  /**
   * Stripe says the charge was refunded (from its dashboard, or our own refund coming back),
   * {@code amountRefunded} of its {@code amount} so far (Stripe's running total; both null in
   * messages that predate them, which meant in full). In full: the order, if any, is refunded
   * without asking Stripe again; a payment without an order is recorded as refunded and its
   * hold given back, so a later success cannot sell it. In part: the amount is recorded, and
   * the order (or the success still to come) stands; a later report of the rest voids it.
   */
  private Future<Void> refundedAtStripe(UUID paymentId, String refundId, Long amountRefunded,
      Long amount, String rid) {
    if (amountRefunded == null) {
      return refundedAtStripe(paymentId, refundId, true, rid);
    }
    return ledger.payment(paymentId).compose(payment -> {
      if (payment == null) {
        return Future.succeededFuture();
      }
      long whole = amount != null ? amount : payment.amountCents();
      if (amountRefunded >= whole) {
        return refundedAtStripe(paymentId, refundId, true, rid);
      }
      return ledger.partlyRefunded(paymentId, amountRefunded).map(recorded -> {
        LogFields.requestId(LOG.atInfo(), rid).log("Payment {} partly refunded at Stripe ({} of "
                + "{} {}, refund {}){}; order {} stands", paymentId, amountRefunded, whole,
            payment.currency(), refundId,
            recorded ? "" : " (known already, or refunded in full)", payment.orderId());
        return null;
      });
    });
  }

  /**
   * {@code again}: whether to look once more when a confirmation recorded the order first (the
   * order is then refunded as a confirmed one, its seats back on sale).
   */
  private Future<Void> refundedAtStripe(UUID paymentId, String refundId, boolean again,
      String rid) {
    return ledger.payment(paymentId).compose(payment -> {
      if (payment == null) {
        return Future.succeededFuture();
      }
      if (payment.orderStatus() == OrderStatus.CONFIRMED) {
        return refundConfirmed(payment, REFUNDED_AT_STRIPE, refundId, rid);
      }
      if (payment.orderId() != null) {
        return payment.refunded() && payment.ticketed() ? core.returnSeats(payment)
            : Future.succeededFuture();
      }
      return ledger.refund(payment, UUID.randomUUID(), REFUNDED_AT_STRIPE, refundId, rid)
          .compose(outcome -> {
            if (outcome == Outcome.RECORDED) {
              refunded.increment();
              return core.abandon(payment.id(), payment.holdId(), "refunded at Stripe");
            }
            return again ? refundedAtStripe(paymentId, refundId, false, rid)
                : Future.succeededFuture();
          });
    });
  }

  private Future<Void> refund(Payment payment, String reason, String rid) {
    UUID orderId = UUID.randomUUID();
    return giveBack(payment, reason)
        .compose(refundId -> ledger.refund(payment, orderId, reason, refundId, rid))
        .compose(outcome -> {
          if (outcome != Outcome.RECORDED) {
            LogFields.requestId(LOG.atDebug(), rid).log("Payment {} was settled by another "
                + "delivery", payment.id());
            return Future.succeededFuture();
          }
          refunded.increment();
          LogFields.requestId(LOG.atInfo(), rid).log("Payment {} refunded ({} {} via {}): hold "
                  + "{} of event {} could not be confirmed ({}); order {} recorded as refunded",
              payment.id(),
              payment.amountCents(), payment.currency(), payment.provider(), payment.holdId(),
              payment.eventId(), reason, orderId);
          return Future.succeededFuture();
        });
  }

  /**
   * Gives the money back through the provider and answers its refund ID; the simulated
   * provider's refund is the status change alone (null).
   */
  private Future<String> giveBack(Payment payment, String reason) {
    if (!payment.viaStripe()) {
      return Future.succeededFuture(null);
    }
    if (stripe == null) {
      return Future.failedFuture(new IllegalStateException("payment " + payment.id()
          + " went through Stripe, but no Stripe key is configured to refund it"));
    }
    return stripe.refund(payment.id().toString(), payment.intentId(), reason);
  }

  /**
   * A declined attempt (Stripe's {@code payment_intent.payment_failed}, the simulated
   * provider's {@code failed}): recorded, and the hold stays the buyer's, since the intent can
   * still succeed with another card. Its seats come back when the intent is canceled (by Stripe,
   * or by reconciliation once the hold lapsed) or when the hold lapses.
   */
  private Future<Void> declined(UUID paymentId, String rid) {
    return ledger.markFailed(paymentId, PaymentStatus.FAILED).map(holdId -> {
      if (holdId == null) {
        LogFields.requestId(LOG.atInfo(), rid).log("Payment {} failed but is unknown, settled "
            + "or canceled already; left as it is", paymentId);
      } else {
        failed.increment();
        LogFields.requestId(LOG.atInfo(), rid).log("Payment {} failed (declined); hold {} "
            + "stays until its intent is canceled or it lapses", paymentId, holdId);
      }
      return null;
    });
  }

  /** The intent will never be paid: the payment is canceled and its hold given back. */
  private Future<Void> canceled(UUID paymentId, UUID holdIdInMessage, String rid) {
    return ledger.markFailed(paymentId, PaymentStatus.CANCELED).compose(holdId -> {
      if (holdId == null) {
        LogFields.requestId(LOG.atInfo(), rid).log("Payment {} canceled but is unknown or "
            + "already settled; hold {} left as it is", paymentId, holdIdInMessage);
        return Future.succeededFuture();
      }
      canceled.increment();
      return core.abandon(paymentId, holdId, "canceled");
    });
  }
}
