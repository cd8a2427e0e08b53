package io.holdfast.deploy.kubernetes;

import io.holdfast.testkit.MetricsCatalogue;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The contract between the metrics the platform serves on /metrics and what watches them
 * (monitoring/'s dashboard and alert rules). The metrics and their types are docs/metrics.md's
 * ({@link MetricsCatalogue}), which the app's MetricsTest holds a running platform to: so a
 * meter renamed in the code fails there, and a dashboard or alert still naming the old one fails
 * here. What the dashboard must show of them is {@link #WATCHED}.
 */
final class ContractMetrics {
  private ContractMetrics() {}

  /** The series names a metric of each type gives in Prometheus. */
  private static final Map<MetricsCatalogue.Type, Set<String>> SUFFIXES = Map.of(
      MetricsCatalogue.Type.COUNTER, Set.of(""),
      MetricsCatalogue.Type.GAUGE, Set.of(""),
      // Micrometer serves a timer's or histogram's maximum as a gauge of its own.
      MetricsCatalogue.Type.HISTOGRAM, Set.of("_bucket", "_sum", "_count", "_max"),
      MetricsCatalogue.Type.TIMER, Set.of("_sum", "_count", "_max"));

  /** Prometheus' own, recorded for every scrape: not the platform's. */
  static final Set<String> PROMETHEUS = Set.of("up");

  /** The metrics the on-sale dashboard must show (issue 17's list), each documented. */
  static final Set<String> WATCHED = Set.of(
      "holdfast_holds_total", "holdfast_hold_seconds", "holdfast_checkouts_total",
      "holdfast_payments_total", "holdfast_payments_without_order",
      "holdfast_inventory_invariant_violations", "holdfast_outbox_backlog",
      "holdfast_outbox_oldest_seconds", "holdfast_kafka_consumer_lag",
      "holdfast_grid_data_members", "holdfast_grid_partitions_lost_total",
      "holdfast_grid_migrations_total", "holdfast_event_loop_delay_seconds",
      "holdfast_reconcile_fixed_total", "holdfast_seat_map_viewers",
      "holdfast_rate_limit_refusals_total", "jvm_memory_used_bytes", "jvm_memory_max_bytes",
      "jvm_gc_pause_seconds");

  /** Every series name the files may select: each documented metric's, and Prometheus'. */
  static Set<String> series() {
    Set<String> names = new TreeSet<>(PROMETHEUS);
    MetricsCatalogue.documented().forEach((name, type) -> {
      for (String suffix : SUFFIXES.get(type)) {
        names.add(name + suffix);
      }
    });
    return names;
  }

  /** The metric a series belongs to (holdfast_hold_seconds_bucket: holdfast_hold_seconds). */
  static String metricOf(String series) {
    for (Map.Entry<String, MetricsCatalogue.Type> metric
        : MetricsCatalogue.documented().entrySet()) {
      for (String suffix : SUFFIXES.get(metric.getValue())) {
        if (series.equals(metric.getKey() + suffix)) {
          return metric.getKey();
        }
      }
    }
    return series;
  }
}
