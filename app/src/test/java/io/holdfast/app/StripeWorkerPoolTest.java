package io.holdfast.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.testkit.stripe.StripeStandIn;
import io.holdfast.support.payment.StripeGateway;
import io.holdfast.support.payment.StripeSettings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Stripe's calls block a thread each. They run on a bounded pool of their own, so work that
 * fills Vert.x's default worker pool (password hashing during a burst of logins) does not
 * make checkouts and refunds wait behind it.
 */
@DisplayName("Stripe's own worker pool")
class StripeWorkerPoolTest {
  private StripeStandIn stripe;
  private Vertx vertx;

  @BeforeEach
  void start() {
    stripe = new StripeStandIn();
    vertx = Vertx.vertx(new VertxOptions().setWorkerPoolSize(1));
  }

  @AfterEach
  void stop() {
    Api.await(vertx.close());
    stripe.close();
  }

  @Test
  @DisplayName("a Stripe call completes while every thread of the default worker pool is busy")
  void saturatedDefaultPoolDoesNotDelayStripe() throws Exception {
    JsonObject config = new JsonObject().put(StripeSettings.SECRET_KEY.key(), "sk_test_pool")
        .put(StripeSettings.API_BASE.key(), stripe.apiBase())
        .put(StripeSettings.TIMEOUT_MILLIS.key(), 2000)
        .put(StripeSettings.WORKER_POOL_SIZE.key(), 2);
    StripeGateway gateway = StripeGateway.of(vertx, config);
    StripeGateway.Intent intent = Api.await(gateway.intentForHold(UUID.randomUUID().toString(),
        2500, "EUR", Map.of()));

    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch busy = new CountDownLatch(1);
    Future<Object> blocker = vertx.executeBlocking(() -> {
      busy.countDown();
      return release.await(20, TimeUnit.SECONDS);
    }, false);
    try {
      assertThat(busy.await(5, TimeUnit.SECONDS)).as("the default pool is busy").isTrue();
      long started = System.nanoTime();
      StripeGateway.Intent read = Api.await(gateway.intent(intent.id())
          .timeout(5, TimeUnit.SECONDS));
      assertThat(read.id()).isEqualTo(intent.id());
      assertThat(blocker.isComplete()).as("the default pool was still busy").isFalse();
      assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isLessThan(5000);
    } finally {
      release.countDown();
    }
  }
}
