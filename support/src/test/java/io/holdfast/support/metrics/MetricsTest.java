package io.holdfast.support.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Metrics")
class MetricsTest {

  @Test
  @DisplayName("one name and label set is one counter, exposed with its help and type, label values escaped")
  void exposition() {
    Counter a = Metrics.counter("test_things_total", "Things seen", "kind", "a");
    Counter b = Metrics.counter("test_things_total", "Things seen", "kind", "quote\"back\\slash");
    assertThat(Metrics.counter("test_things_total", "Things seen", "kind", "a")).isSameAs(a);
    a.increment();
    a.add(2);
    b.increment();
    String text = Metrics.scrape();
    assertThat(text).contains("# HELP test_things_total Things seen\n"
        + "# TYPE test_things_total counter\n"
        + "test_things_total{kind=\"a\"} 3\n"
        + "test_things_total{kind=\"quote\\\"back\\\\slash\"} 1\n");
  }

  @Test
  @DisplayName("a counter never goes down, and names and labels must be Prometheus names")
  void refusals() {
    Counter c = Metrics.counter("test_refusals_total", "Refusals");
    assertThatThrownBy(() -> c.add(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Metrics.counter("bad name", "x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Metrics.counter("test_ok_total", "x", "bad-label", "v"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Metrics.counter("test_ok_total", "x", "odd"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
