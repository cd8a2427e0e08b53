package io.holdfast.payment;

import io.holdfast.contracts.core.Abandon;
import io.holdfast.contracts.core.Confirm;
import io.holdfast.contracts.core.Confirmation;
import io.holdfast.contracts.core.CoreBus;
import io.holdfast.contracts.core.Refund;
import io.holdfast.contracts.problem.ProblemException;
import io.holdfast.ledger.order.OrderLedger.Payment;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the payment-worker asks of the reservation core about a paid (or unpaid) hold: confirm
 * it, abandon it, or put a refunded one's seats back on sale. Each is idempotent in the core,
 * so a settlement retried after a failure or a crash may ask again.
 */
final class CoreRequests {
  private static final Logger LOG = LoggerFactory.getLogger(CoreRequests.class);

  private final Vertx vertx;
  private final DeliveryOptions delivery;

  CoreRequests(Vertx vertx, long busTimeoutMillis) {
    this.vertx = vertx;
    this.delivery = new DeliveryOptions().setSendTimeout(busTimeoutMillis);
  }

  /** Sells the hold: confirmed with its tickets, or unavailable and why. */
  Future<Confirmation> confirm(UUID holdId) {
    return CoreBus.request(vertx, new Confirm(holdId.toString()), delivery);
  }

  /**
   * Puts a refunded order's seats back on sale, unless its event stopped selling (a cancelled
   * event's seats stay off sale). The core does it once: asked again, it changes nothing.
   */
  Future<Void> returnSeats(Payment payment) {
    if (!payment.eventOnSale()) {
      LOG.debug("Event {} is not on sale; the seats of hold {} stay off sale",
          payment.eventId(), payment.holdId());
      return Future.succeededFuture();
    }
    return CoreBus.request(vertx, new Refund(payment.holdId().toString()), delivery)
        .<Void>map(reply -> {
          int returned = reply.returned();
          if (returned > 0) {
            LOG.info("Hold {} of event {} refunded: {} seat(s) back on sale", payment.holdId(),
                payment.eventId(), returned);
          }
          return null;
        })
        .recover(t -> unknownHold(t, payment.holdId(), "nothing to put back on sale"));
  }

  /** Frees the seats of a hold that will not be paid (if it is still only held). */
  Future<Void> abandon(UUID paymentId, UUID holdId, String why) {
    return CoreBus.request(vertx, new Abandon(holdId.toString()), delivery)
        .<Void>map(reply -> {
          LOG.info("Payment {} {}; hold {} abandoned ({})", paymentId, why, holdId,
              reply.status().wire());
          return null;
        })
        .recover(t -> unknownHold(t, holdId, "payment " + paymentId + " " + why));
  }

  /** A hold the core no longer knows has nothing left to change; any other failure stands. */
  private static Future<Void> unknownHold(Throwable t, UUID holdId, String what) {
    if (t instanceof ProblemException pe && pe.problem().status() == 404) {
      LOG.info("Hold {} is no longer known to the core ({})", holdId, what);
      return Future.succeededFuture();
    }
    return Future.failedFuture(t);
  }
}
