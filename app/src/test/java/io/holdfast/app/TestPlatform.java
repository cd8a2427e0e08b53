package io.holdfast.app;

import io.holdfast.accounts.OrganizerEmails;
import io.holdfast.support.config.Settings;
import io.holdfast.support.payment.StripeSettings;
import io.holdfast.catalog.status.EventStatusVerticle;
import io.holdfast.edge.HttpEdgeVerticle;
import io.holdfast.edge.abuse.Limits;
import io.holdfast.edge.auth.Passwords;
import io.holdfast.edge.auth.RsaKeys;
import io.holdfast.infra.LoopbackPorts;
import io.holdfast.infra.TestInfrastructure;
import io.holdfast.payment.reconcile.InventoryAuditVerticle;
import io.holdfast.payment.reconcile.ReconcilerVerticle;
import io.holdfast.testkit.stripe.StripeStandIn;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.json.JsonObject;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.util.Map;

/** One platform per test JVM, on the shared embedded infrastructure, closed at exit. */
final class TestPlatform {
  /** The key of a rotation ago: the platform still accepts its tokens under this kid. */
  static final String PREVIOUS_KID = "holdfast-0";
  static final KeyPair PREVIOUS_KEY = RsaKeys.generate();
  /** Stripe's webhook signing secret of the test platform. */
  static final String WEBHOOK_SECRET = "whsec_test_" + ProcessHandle.current().pid();
  /** The organizer account the operator lists, made at start with its initial password. */
  static final String ORGANIZER_EMAIL = "organizer@test.holdfast.dev";
  static final String ORGANIZER_PASSWORD = "organizer-initial-password";
  private static Platform platform;
  private static StripeStandIn stripe;

  private TestPlatform() {}

  static synchronized Platform get() {
    if (platform == null) {
      stripe = new StripeStandIn();
      JsonObject config = TestInfrastructure.config()
          // Stripe is configured (webhooks, refunds), but this edge's checkout stays simulated;
          // StripeTestBase deploys an edge whose checkout goes through the stand-in.
          .put(StripeSettings.SECRET_KEY.key(), "sk_test_holdfast")
          .put(StripeSettings.PUBLISHABLE_KEY.key(), "pk_test_holdfast")
          .put(StripeSettings.WEBHOOK_SECRET.key(), WEBHOOK_SECRET)
          .put(StripeSettings.API_BASE.key(), stripe.apiBase())
          .put(StripeSettings.TIMEOUT_MILLIS.key(), 1000)
          .put(StripeSettings.PROVIDER.key(), "simulated")
          .put(Settings.HTTP_HOST.key(), "127.0.0.1")
          .put(Settings.HTTP_PORT.key(), LoopbackPorts.free())
          // Argon2id at its cheapest: tests hash hundreds of passwords.
          .put(Passwords.MEMORY_KIB.key(), 64)
          .put(Passwords.PASSES.key(), 1)
          .put(Settings.CONSUMER_GROUP_PREFIX, "app-test-" + ProcessHandle.current().pid() + "-")
          .put(HttpEdgeVerticle.MIN_HOLD_SECONDS.key(), 1)
          // Tests read their own writes at once; the stream polls faster than in production.
          .put(HttpEdgeVerticle.AVAILABILITY_CACHE_MILLIS.key(), 0)
          .put(HttpEdgeVerticle.SEAT_MAP_INTERVAL_MILLIS.key(), 200)
          .put(EventStatusVerticle.INTERVAL_MILLIS.key(), 300)
          // Tests run reconciliation themselves (ReconcileTest), never behind another's back.
          .put(ReconcilerVerticle.INTERVAL_MILLIS.key(), 0)
          // So does the inventory audit (MetricsTest), which would otherwise find what tests
          // break on purpose.
          .put(InventoryAuditVerticle.INTERVAL_MILLIS.key(), 0)
          .put(OrganizerEmails.EMAILS.key(), ORGANIZER_EMAIL)
          .put(OrganizerAccounts.PASSWORD, ORGANIZER_PASSWORD)
          .put(Platform.CLUSTER_NAME.key(), "app-test-" + ProcessHandle.current().pid())
          .put(Platform.HAZELCAST_PORT.key(), 5850)
          .put(Platform.SEED.key(), "true")
          // Tests may say where they come from; the shared edge's budgets are wide, so that
          // tests do not spend each other's (AbuseLimitsTest runs an edge with tight ones).
          .put(Limits.TRUSTED_PROXIES.key(), 1)
          .put(Limits.ANONYMOUS_PER_MINUTE.key(), 1_000_000)
          .put(Limits.SIGN_IN_PER_MINUTE.key(), 10_000)
          .put(Limits.REGISTER_PER_MINUTE.key(), 10_000)
          .put(Limits.MAX_ACTIVE_HOLDS.key(), 1_000)
          .put(Settings.JWT_PREVIOUS_KEYS, RsaKeys.jwks(Map.of(PREVIOUS_KID,
              (RSAPublicKey) PREVIOUS_KEY.getPublic())).encode());
      try {
        platform = Platform.start(config);
      } catch (Exception e) {
        throw new IllegalStateException("the platform did not start", e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        platform.close();
        stripe.close();
      }));
    }
    return platform;
  }

  private static int stripeEdgePort;

  /**
   * The port of an edge whose checkout goes through Stripe (the stand-in), deployed once beside
   * the platform's own, sharing its core, workers and stores.
   */
  static synchronized int stripeEdgePort() {
    if (stripeEdgePort == 0) {
      Platform p = get();
      int port = LoopbackPorts.free();
      Api.await(p.vertx().deployVerticle(HttpEdgeVerticle::new, new DeploymentOptions()
          .setConfig(p.config().copy().put(StripeSettings.PROVIDER.key(), "stripe")
              .put(Settings.HTTP_PORT.key(), port))));
      stripeEdgePort = port;
    }
    return stripeEdgePort;
  }

  /** An edge a test deploys for itself: its port, and how to take it down. */
  record TestEdge(String deployment, int port) {
    void close() {
      Api.await(get().vertx().undeploy(deployment));
    }
  }

  /**
   * One edge verticle of a test's own beside the platform's (the same core, workers and stores),
   * on a free port, with {@code overrides} over the platform's settings.
   */
  static TestEdge edge(JsonObject overrides) {
    Platform p = get();
    HttpEdgeVerticle verticle = new HttpEdgeVerticle();
    String deployment = Api.await(p.vertx().deployVerticle(verticle, new DeploymentOptions()
        .setConfig(p.config().copy().put(Settings.HTTP_PORT.key(), 0).mergeIn(overrides))));
    return new TestEdge(deployment, verticle.actualPort());
  }

  static synchronized StripeStandIn stripe() {
    get();
    return stripe;
  }
}
