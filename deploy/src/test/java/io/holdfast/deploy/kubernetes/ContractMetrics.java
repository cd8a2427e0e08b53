package io.holdfast.deploy.kubernetes;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The metrics monitoring/ (the dashboard and the alert rules) may name: the contract between the
 * metrics the platform serves on /metrics and what watches them, by the name Prometheus shows
 * and the kind of each. To be connected to the metrics registry, so that a metric renamed there
 * fails here.
 */
final class ContractMetrics {
  private ContractMetrics() {}

  /** How a metric appears in Prometheus: the series names a kind gives. */
  enum Kind {
    COUNTER("") , GAUGE(""), HISTOGRAM("_bucket", "_sum", "_count"),
    /** Micrometer's timer: a summary with a maximum (and buckets when a histogram is on). */
    TIMER("_sum", "_count", "_max", "_bucket");

    private final String[] suffixes;

    Kind(String... suffixes) {
      this.suffixes = suffixes;
    }
  }

  static final Map<String, Kind> METRICS = Map.ofEntries(
      Map.entry("holdfast_holds_total", Kind.COUNTER),
      Map.entry("holdfast_hold_seconds", Kind.HISTOGRAM),
      Map.entry("holdfast_checkouts_total", Kind.COUNTER),
      Map.entry("holdfast_payments_total", Kind.COUNTER),
      Map.entry("holdfast_payments_without_order", Kind.GAUGE),
      Map.entry("holdfast_inventory_invariant_violations", Kind.GAUGE),
      Map.entry("holdfast_outbox_backlog", Kind.GAUGE),
      Map.entry("holdfast_outbox_oldest_seconds", Kind.GAUGE),
      Map.entry("holdfast_kafka_consumer_lag", Kind.GAUGE),
      Map.entry("holdfast_grid_data_members", Kind.GAUGE),
      Map.entry("holdfast_grid_partitions_lost_total", Kind.COUNTER),
      Map.entry("holdfast_grid_migrations_total", Kind.COUNTER),
      Map.entry("holdfast_event_loop_delay_seconds", Kind.GAUGE),
      Map.entry("holdfast_reconcile_fixed_total", Kind.COUNTER),
      Map.entry("holdfast_seat_map_viewers", Kind.GAUGE),
      Map.entry("holdfast_rate_limit_refusals_total", Kind.COUNTER),
      // Micrometer's JVM binders.
      Map.entry("jvm_memory_used_bytes", Kind.GAUGE),
      Map.entry("jvm_memory_max_bytes", Kind.GAUGE),
      Map.entry("jvm_gc_pause_seconds", Kind.TIMER));

  /** Prometheus' own, recorded for every scrape: not the platform's. */
  static final Set<String> PROMETHEUS = Set.of("up");

  /** Every series name the files may select. */
  static Set<String> series() {
    Set<String> names = new TreeSet<>(PROMETHEUS);
    METRICS.forEach((name, kind) -> {
      for (String suffix : kind.suffixes) {
        names.add(name + suffix);
      }
    });
    return names;
  }

  /** The metric a series belongs to (holdfast_hold_seconds_bucket: holdfast_hold_seconds). */
  static String metricOf(String series) {
    for (Map.Entry<String, Kind> metric : METRICS.entrySet()) {
      for (String suffix : metric.getValue().suffixes) {
        if (series.equals(metric.getKey() + suffix)) {
          return metric.getKey();
        }
      }
    }
    return series;
  }
}
