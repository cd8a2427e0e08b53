package io.holdfast.support.payment;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.PaymentIntent;
import com.stripe.model.Refund;
import com.stripe.net.RequestOptions;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.RefundCreateParams;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * The calls Holdfast makes to Stripe, through stripe-java. The client blocks, so every call runs
 * on a worker thread of a bounded pool of Stripe's own ({@link StripeSettings#WORKER_POOL_SIZE}),
 * shared by the gateways of one Vert.x: a burst of other blocking work (password hashing) on
 * the default worker pool cannot make checkouts and refunds wait, nor can slow Stripe calls
 * starve that pool. Each call that creates something carries an idempotency key derived from
 * what it is for (the hold, the payment), so a retry after a timeout reaches the same object at
 * Stripe instead of creating a second one.
 */
public final class StripeGateway {
  /** What Holdfast keeps of a PaymentIntent. */
  public record Intent(String id, String status, String clientSecret, long amount,
      String currency) {
    static Intent of(PaymentIntent pi) {
      return new Intent(pi.getId(), pi.getStatus(), pi.getClientSecret(),
          pi.getAmount() == null ? 0 : pi.getAmount(), pi.getCurrency());
    }
  }

  /** The name of Stripe's worker pool: one pool per Vert.x, whichever verticle asks first. */
  static final String POOL_NAME = "holdfast-stripe";

  private final WorkerExecutor workers;
  private final StripeClient client;
  private final String publishableKey;

  private StripeGateway(WorkerExecutor workers, StripeClient client, String publishableKey) {
    this.workers = workers;
    this.client = client;
    this.publishableKey = publishableKey;
  }

  /** The gateway of this configuration, or null when no secret key is set (simulated). */
  public static StripeGateway of(Vertx vertx, JsonObject config) {
    if (!StripeSettings.enabled(config)) {
      return null;
    }
    int timeout = StripeSettings.TIMEOUT_MILLIS.integer(config);
    StripeClient.StripeClientBuilder builder = StripeClient.builder()
        .setApiKey(StripeSettings.SECRET_KEY.required(config))
        .setConnectTimeout(timeout)
        .setReadTimeout(timeout)
        // stripe-java retries a timed-out call with the same idempotency key.
        .setMaxNetworkRetries(2);
    String base = StripeSettings.API_BASE.string(config);
    if (base != null && !base.isBlank()) {
      builder.setApiBase(base);
    }
    // Created in a verticle's start, the executor is closed with the verticle; the pool itself
    // goes when its last user closes it. Calls wait past the timeouts above, not forever.
    WorkerExecutor workers = vertx.createSharedWorkerExecutor(POOL_NAME,
        StripeSettings.workerPoolSize(config), 4L * timeout, TimeUnit.MILLISECONDS);
    return new StripeGateway(workers, builder.build(),
        StripeSettings.PUBLISHABLE_KEY.string(config, ""));
  }

  public String publishableKey() {
    return publishableKey;
  }

  /**
   * The PaymentIntent of a hold: the hold's ID is the idempotency key, so however often checkout
   * is retried (by the buyer, by us, by stripe-java) Stripe keeps one intent per hold.
   */
  public Future<Intent> intentForHold(String holdId, long amountCents, String currency,
      Map<String, String> metadata) {
    PaymentIntentCreateParams params = PaymentIntentCreateParams.builder()
        .setAmount(amountCents)
        .setCurrency(currency.toLowerCase(Locale.ROOT))
        .putAllMetadata(metadata)
        .setAutomaticPaymentMethods(PaymentIntentCreateParams.AutomaticPaymentMethods.builder()
            .setEnabled(true).build())
        .build();
    RequestOptions options = RequestOptions.builder().setIdempotencyKey(holdId).build();
    return call(() -> Intent.of(client.v1().paymentIntents().create(params, options)));
  }

  public Future<Intent> intent(String intentId) {
    return call(() -> Intent.of(client.v1().paymentIntents().retrieve(intentId)));
  }

  /** Cancels an intent nobody paid; idempotent by the intent. */
  public Future<Intent> cancel(String intentId) {
    RequestOptions options = RequestOptions.builder()
        .setIdempotencyKey("cancel-" + intentId).build();
    return call(() -> Intent.of(client.v1().paymentIntents().cancel(intentId, options)));
  }

  /**
   * Refunds an intent in full and answers the refund's ID. The payment's ID makes the
   * idempotency key: however many deliveries or requests ask, one refund per payment.
   */
  public Future<String> refund(String paymentId, String intentId, String reason) {
    RefundCreateParams params = RefundCreateParams.builder()
        .setPaymentIntent(intentId)
        .putMetadata("paymentId", paymentId)
        .putMetadata("reason", reason)
        .build();
    RequestOptions options = RequestOptions.builder()
        .setIdempotencyKey("refund-" + paymentId).build();
    return call(() -> {
      Refund refund = client.v1().refunds().create(params, options);
      return refund.getId();
    });
  }

  private <T> Future<T> call(Callable<T> call) {
    // Not ordered: calls about different payments are independent.
    return workers.executeBlocking(() -> {
      try {
        return call.call();
      } catch (StripeException e) {
        throw new StripeFailure(e);
      }
    }, false);
  }

  /** A call Stripe refused or did not answer; {@link #status()} is Stripe's HTTP status. */
  public static final class StripeFailure extends RuntimeException {
    private final Integer status;

    StripeFailure(StripeException cause) {
      super(cause.getMessage(), cause);
      this.status = cause.getStatusCode();
    }

    /** Stripe's HTTP status, or null when Stripe did not answer. */
    public Integer status() {
      return status;
    }
  }
}
