package io.holdfast.ledger.checkout;

import io.holdfast.contracts.core.HoldStatus;
import io.holdfast.contracts.core.HoldView;
import io.holdfast.contracts.problem.Problem;
import io.holdfast.ledger.payment.PaymentRepository;
import io.holdfast.support.payment.StripeGateway;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts paying for a hold: one payment per hold, whatever the retries. With Stripe it is a
 * PaymentIntent whose idempotency key is the hold's ID, so a retry after a timeout (ours or the
 * buyer's) finds the same intent; its client secret goes to the buyer. Without Stripe the
 * simulated provider makes a secret of its own. The caller has checked that the hold is the
 * buyer's.
 */
public final class Checkout {
  private static final Logger LOG = LoggerFactory.getLogger(Checkout.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final PaymentRepository payments;
  private final StripeGateway stripe;

  /** {@code stripe} is null where checkout is simulated. */
  public Checkout(PaymentRepository payments, StripeGateway stripe) {
    this.payments = payments;
    this.stripe = stripe;
  }

  /**
   * The payment of {@code hold} for {@code buyerId}, made at the first call; with Stripe it
   * carries the publishable key Stripe.js needs beside the client secret. A hold that is not
   * active fails with 409 {@code hold-not-active}; a Stripe that does not answer with 503
   * {@code payment-provider-unavailable}.
   */
  public Future<JsonObject> start(HoldView hold, UUID buyerId) {
    if (hold.status() != HoldStatus.ACTIVE) {
      return Future.failedFuture(Problem.of(409, "hold-not-active", "Hold not active",
          "Hold " + hold.holdId() + " is " + hold.status().wire()
              + "; take a new hold").toException());
    }
    UUID holdId = UUID.fromString(hold.holdId());
    Future<JsonObject> payment = stripe == null ? simulated(buyerId, hold, holdId)
        : payments.byHold(holdId).compose(found -> found != null
            ? Future.succeededFuture(found) : viaStripe(buyerId, hold, holdId));
    return payment.map(this::withKey);
  }

  private Future<JsonObject> simulated(UUID buyerId, HoldView hold, UUID holdId) {
    byte[] secret = new byte[24];
    RANDOM.nextBytes(secret);
    return payments.createForHold(holdId, buyerId, UUID.fromString(hold.eventId()), "simulated",
        hold.amountCents(), hold.currency(), "sim_" + holdId + "_secret_"
            + Base64.getUrlEncoder().withoutPadding().encodeToString(secret), null,
        Instant.parse(hold.expiresAt()));
  }

  private Future<JsonObject> viaStripe(UUID buyerId, HoldView hold, UUID holdId) {
    String eventId = hold.eventId();
    return stripe.intentForHold(holdId.toString(), hold.amountCents(), hold.currency(),
            Map.of("holdId", holdId.toString(), "eventId", eventId,
                "userId", buyerId.toString()))
        .recover(t -> {
          LOG.warn("Stripe did not create the intent of hold {}", holdId, t);
          return Future.failedFuture(Problem.of(503, "payment-provider-unavailable",
                  "Payment provider unavailable", "The payment could not be started; try again")
              .with("retryAfterSeconds", 1).toException());
        })
        .compose(intent -> payments.createForHold(holdId, buyerId, UUID.fromString(eventId),
            "stripe", hold.amountCents(), hold.currency(), intent.clientSecret(), intent.id(),
            Instant.parse(hold.expiresAt())));
  }

  /** Stripe.js needs the publishable key beside the client secret. */
  private JsonObject withKey(JsonObject payment) {
    if (stripe != null && "stripe".equals(payment.getString("provider"))) {
      payment.put("publishableKey", stripe.publishableKey());
    }
    return payment;
  }
}
