package io.holdfast.support.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The event loops' delay")
class EventLoopDelayTest {
  private static final Pattern DELAY = Pattern.compile(
      "holdfast_event_loop_delay_seconds\\{role=\"none\"} ([0-9.E-]+)");

  @Test
  @DisplayName("is near nothing on idle loops, and as long as a handler held one")
  void delay() throws Exception {
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
    try {
      vertx.deployVerticle(EventLoopDelay::new, new DeploymentOptions().setInstances(2)).await();
      Thread.sleep(3 * EventLoopDelay.INTERVAL_MILLIS);
      assertThat(delay(vertx)).isLessThan(0.1);
      // Every loop of the two gets a context in turn: one of them is held for 300 ms.
      vertx.runOnContext(v -> sleep(300));
      vertx.runOnContext(v -> sleep(300));
      Thread.sleep(600 + 2 * EventLoopDelay.INTERVAL_MILLIS);
      assertThat(delay(vertx)).isBetween(0.2, 1.0);
    } finally {
      vertx.close().await();
    }
  }

  private static double delay(Vertx vertx) {
    Matcher m = DELAY.matcher(Meters.of(vertx).scrape());
    assertThat(m.find()).isTrue();
    return Double.parseDouble(m.group(1));
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
