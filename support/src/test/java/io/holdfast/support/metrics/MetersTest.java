package io.holdfast.support.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A process's meters")
class MetersTest {
  private final Meters meters = Meters.create("edge");
  private Vertx vertx;

  @AfterEach
  void close() {
    meters.close();
    if (vertx != null) {
      vertx.close().await();
    }
  }

  @Test
  @DisplayName("are exposed under the names they were asked by, each series tagged with the role")
  void names() {
    Counter granted = meters.counter("test_holds_total", "Holds", "outcome", "granted");
    assertThat(meters.counter("test_holds_total", "Holds", "outcome", "granted"))
        .isSameAs(granted);
    granted.increment(3);
    Timer timer = meters.timer("test_hold_seconds", "A hold's time",
        new Duration[] {Duration.ofMillis(1), Duration.ofMillis(10)});
    timer.record(5, TimeUnit.MILLISECONDS);
    AtomicInteger backlog = new AtomicInteger(7);
    meters.gauge("test_backlog", "Rows", backlog, AtomicInteger::get);

    String text = meters.scrape();
    assertThat(text).contains("# TYPE test_holds_total counter")
        .contains("test_holds_total{outcome=\"granted\",role=\"edge\"} 3.0")
        .contains("test_hold_seconds_bucket{role=\"edge\",le=\"0.001\"} 0")
        .contains("test_hold_seconds_bucket{role=\"edge\",le=\"0.01\"} 1")
        .contains("test_hold_seconds_bucket{role=\"edge\",le=\"+Inf\"} 1")
        .contains("test_hold_seconds_count{role=\"edge\"} 1")
        .contains("test_backlog{role=\"edge\"} 7.0")
        .contains("jvm_memory_used_bytes{area=\"heap\"");
  }

  @Test
  @DisplayName("sum or take the largest of what several owners contribute, until each leaves")
  void combined() {
    Meters.Source a = meters.sum("test_viewers", "Viewers", () -> 2);
    Meters.Source b = meters.sum("test_viewers", "Viewers", () -> 3);
    meters.max("test_delay_seconds", "Delay", () -> 0.5);
    meters.max("test_delay_seconds", "Delay", () -> 0.25);
    assertThat(meters.scrape()).contains("test_viewers{role=\"edge\"} 5.0")
        .contains("test_delay_seconds{role=\"edge\"} 0.5");
    a.close();
    assertThat(meters.scrape()).contains("test_viewers{role=\"edge\"} 3.0");
    b.close();
    assertThat(meters.scrape()).contains("test_viewers{role=\"edge\"} 0.0");
  }

  @Test
  @DisplayName("are the launcher's wherever its Vert.x instance asks, and a Vert.x instance has one set")
  void attached() {
    vertx = Vertx.vertx();
    meters.attachTo(vertx);
    assertThat(Meters.of(vertx)).isSameAs(meters);
    try (Meters second = Meters.create("worker")) {
      assertThatThrownBy(() -> second.attachTo(vertx)).isInstanceOf(IllegalStateException.class);
    }
    Vertx other = Vertx.vertx();
    try {
      Meters own = Meters.of(other);
      assertThat(own).isNotSameAs(meters).isSameAs(Meters.of(other));
      own.counter("test_things_total", "Things").increment();
      assertThat(own.scrape()).contains("test_things_total{role=\"none\"} 1.0");
    } finally {
      other.close().await();
    }
  }
}
