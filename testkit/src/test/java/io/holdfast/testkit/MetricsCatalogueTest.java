package io.holdfast.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("docs/metrics.md's list of metrics")
class MetricsCatalogueTest {
  @Test
  @DisplayName("reads the names of the series tables with the type their row starts with, labels dropped, rows of no known type and other sections skipped")
  void readsTheTables() {
    String doc = String.join("\n",
        "# Metrics", "| `not_a_series` | counter | before the section |",
        "## The series", "### Holds", "| Series | Type, labels | Meaning |", "|---|---|---|",
        "| `a_total` | counter, `outcome` | one |",
        "| `b_seconds` | histogram: `_bucket{le}`, `_sum` | two |",
        "| `c{x,y}`, `d` | gauges, *shared* | three |",
        "| `e_seconds{cause}` | timer: `_count` | four |",
        "| `f`, … | Micrometer's binders | not typed |",
        "## Why not", "| `g` | counter | after the section |");
    assertThat(MetricsCatalogue.parse(doc)).isEqualTo(Map.of(
        "a_total", MetricsCatalogue.Type.COUNTER, "b_seconds", MetricsCatalogue.Type.HISTOGRAM,
        "c", MetricsCatalogue.Type.GAUGE, "d", MetricsCatalogue.Type.GAUGE,
        "e_seconds", MetricsCatalogue.Type.TIMER));
  }

  @Test
  @DisplayName("refuses a document without the section and one naming a metric twice")
  void refuses() {
    assertThatThrownBy(() -> MetricsCatalogue.parse("# Metrics\n| `a` | counter | x |"))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> MetricsCatalogue.parse(
        "## The series\n| `a` | counter | x |\n| `a` | gauge | y |"))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("a twice");
  }

  @Test
  @DisplayName("the repository's docs/metrics.md documents the hold path's metrics")
  void theRepositorysDocument() {
    assertThat(MetricsCatalogue.documented())
        .containsEntry("holdfast_holds_total", MetricsCatalogue.Type.COUNTER)
        .containsEntry("holdfast_hold_seconds", MetricsCatalogue.Type.HISTOGRAM);
  }
}
