package io.holdfast.support.payment;

import io.holdfast.support.config.Settings;
import io.vertx.core.json.JsonObject;

/**
 * Stripe's configuration keys. With no secret key the simulated provider runs; with one,
 * checkout creates PaymentIntents and refunds go through Stripe.
 */
public final class StripeSettings {
  private StripeSettings() {}

  public static final String SECRET_KEY = "stripe.secretKey";
  public static final String WEBHOOK_SECRET = "stripe.webhookSecret";
  /** Handed to the UI with a checkout, for Stripe.js; never used by the server. */
  public static final String PUBLISHABLE_KEY = "stripe.publishableKey";
  /** Where Stripe's API is (https://api.stripe.com): tests point it at a stand-in. */
  public static final String API_BASE = "stripe.apiBase";
  /** How long one call to Stripe may take before it counts as failed (ms). */
  public static final String TIMEOUT_MILLIS = "stripe.timeoutMillis";
  /**
   * Threads of the pool every Stripe call runs on (each call blocks one), apart from Vert.x's
   * default worker pool so that other blocking work (password hashing) cannot delay payments.
   */
  public static final String WORKER_POOL_SIZE = "stripe.workerPoolSize";
  /** How old a webhook's signed timestamp may be (s); Stripe's own default is 300. */
  public static final String WEBHOOK_TOLERANCE_SECONDS = "stripe.webhookToleranceSeconds";

  /**
   * Which provider checkout uses, {@code stripe} or {@code simulated}: Stripe by default when
   * a secret key is set. Simulated checkout with a key set keeps refunds of earlier Stripe
   * payments working (a staging switch, and the shared test platform).
   */
  public static final String PROVIDER = "payments.provider";

  /** Threads of Stripe's worker pool in this configuration (at least one). */
  public static int workerPoolSize(JsonObject config) {
    return Math.max(1, Settings.integer(config, WORKER_POOL_SIZE, 8));
  }

  /** True when a secret key is configured: Stripe can be called (checkout, refunds). */
  public static boolean enabled(JsonObject config) {
    String key = Settings.string(config, SECRET_KEY, "");
    return !key.isBlank();
  }

  /** True when checkout creates Stripe PaymentIntents. */
  public static boolean checkoutViaStripe(JsonObject config) {
    String provider = Settings.string(config, PROVIDER, enabled(config) ? "stripe" : "simulated");
    if ("stripe".equals(provider) && !enabled(config)) {
      throw new IllegalArgumentException("configuration " + PROVIDER + " is stripe, but "
          + SECRET_KEY + " is not set");
    }
    if (!"stripe".equals(provider) && !"simulated".equals(provider)) {
      throw new IllegalArgumentException("configuration " + PROVIDER
          + " must be stripe or simulated: " + provider);
    }
    return "stripe".equals(provider);
  }
}
