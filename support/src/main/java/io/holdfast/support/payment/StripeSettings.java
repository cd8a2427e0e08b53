package io.holdfast.support.payment;

import io.holdfast.support.config.Setting;
import io.vertx.core.json.JsonObject;

/**
 * Stripe's settings. With no secret key the simulated provider runs; with one,
 * checkout creates PaymentIntents and refunds go through Stripe.
 */
public final class StripeSettings {
  private StripeSettings() {}

  public static final Setting SECRET_KEY = Setting.none("HOLDFAST_STRIPE_SECRET_KEY",
      "stripe.secretKey", null, "Stripe secret key (sk_...): checkout creates PaymentIntents "
      + "(the hold's ID is Stripe's idempotency key) and refunds go through Stripe; unset, the "
      + "simulated provider runs with the same lifecycle");
  public static final Setting WEBHOOK_SECRET = Setting.none("HOLDFAST_STRIPE_WEBHOOK_SECRET",
      "stripe.webhookSecret", null, "signing secret (whsec_...) of the endpoint "
      + "POST /v1/payments/stripe/webhook; unset, the endpoint answers 404");
  /** Handed to the UI with a checkout, for Stripe.js; never used by the server. */
  public static final Setting PUBLISHABLE_KEY = Setting.none("HOLDFAST_STRIPE_PUBLISHABLE_KEY",
      "stripe.publishableKey", null,
      "publishable key (pk_...) handed to the UI with a Stripe checkout, for Stripe.js");
  /** Tests point it at a stand-in. */
  public static final Setting API_BASE = Setting.none("HOLDFAST_STRIPE_API_BASE",
      "stripe.apiBase", "https://api.stripe.com",
      "base URL of Stripe's API (tests point it at a local stand-in)");
  public static final Setting TIMEOUT_MILLIS = Setting.number("HOLDFAST_STRIPE_TIMEOUT_MILLIS",
      "stripe.timeoutMillis", 10_000, "connect and read timeout of one call to Stripe, ms; "
      + "stripe-java retries twice with the same idempotency key");
  /** Apart from Vert.x's default worker pool so that password hashing cannot delay payments. */
  public static final Setting WORKER_POOL_SIZE = Setting.number(
      "HOLDFAST_STRIPE_WORKER_POOL_SIZE", "stripe.workerPoolSize", 8, "threads of the pool "
      + "Stripe's calls run on (each call blocks one), apart from Vert.x's default worker pool, "
      + "so other blocking work cannot delay checkouts and refunds");
  /** Stripe's own default is 300. */
  public static final Setting WEBHOOK_TOLERANCE_SECONDS = Setting.number(
      "HOLDFAST_STRIPE_WEBHOOK_TOLERANCE_SECONDS", "stripe.webhookToleranceSeconds", 300,
      "how old a webhook's signed timestamp may be, seconds (one more than 60 s ahead is "
      + "refused too)");

  /**
   * Which provider checkout uses, {@code stripe} or {@code simulated}: Stripe by default when
   * a secret key is set. Simulated checkout with a key set keeps refunds of earlier Stripe
   * payments working (a staging switch, and the shared test platform).
   */
  public static final Setting PROVIDER = Setting.none("HOLDFAST_PAYMENT_PROVIDER",
      "payments.provider", "stripe with a secret key, else simulated", "checkout's provider, "
      + "stripe or simulated; simulated with a key set keeps Stripe refunds of earlier "
      + "payments working");

  /** Threads of Stripe's worker pool in this configuration (at least one). */
  public static int workerPoolSize(JsonObject config) {
    return Math.max(1, WORKER_POOL_SIZE.integer(config));
  }

  /** True when a secret key is configured: Stripe can be called (checkout, refunds). */
  public static boolean enabled(JsonObject config) {
    return !SECRET_KEY.blank(config);
  }

  /** True when checkout creates Stripe PaymentIntents. */
  public static boolean checkoutViaStripe(JsonObject config) {
    String provider = PROVIDER.string(config, enabled(config) ? "stripe" : "simulated");
    if ("stripe".equals(provider) && !enabled(config)) {
      throw new IllegalArgumentException("configuration " + PROVIDER.key() + " is stripe, but "
          + SECRET_KEY.key() + " is not set");
    }
    if (!"stripe".equals(provider) && !"simulated".equals(provider)) {
      throw new IllegalArgumentException("configuration " + PROVIDER.key()
          + " must be stripe or simulated: " + provider);
    }
    return "stripe".equals(provider);
  }
}
