package io.holdfast.support.metrics;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Pattern;

/**
 * Named counters of this JVM, and their Prometheus text exposition (format 0.0.4), served by
 * the edge at {@code GET /metrics}. Dependency-free on purpose: a handful of counters does not
 * justify a metrics library on every module's class path. Counters are per process, so each
 * node reports what it did and Prometheus sums over nodes.
 *
 * <p>Get a counter once (a static field) and increment it; asking again for the same name and
 * labels answers the same counter.
 */
public final class Metrics {
  private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
  /** The content type of {@link #scrape()}. */
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private static final ConcurrentMap<String, Family> FAMILIES = new ConcurrentHashMap<>();

  private Metrics() {}

  /** One metric name: its help text and its counters by label set. */
  private record Family(String help, ConcurrentMap<String, Counter> series) {}

  /**
   * The counter {@code name} with the given labels ({@code "key", "value", ...}); made (at 0,
   * and exposed from then on) the first time it is asked for.
   */
  public static Counter counter(String name, String help, String... labels) {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("not a metric name: " + name);
    }
    String series = labels(labels);
    Family family = FAMILIES.computeIfAbsent(name,
        n -> new Family(Objects.requireNonNull(help), new ConcurrentHashMap<>()));
    return family.series().computeIfAbsent(series, l -> new Counter());
  }

  /** Every counter in Prometheus' text format, metrics and label sets in a stable order. */
  public static String scrape() {
    StringBuilder out = new StringBuilder(1024);
    for (Map.Entry<String, Family> metric : new TreeMap<>(FAMILIES).entrySet()) {
      String name = metric.getKey();
      out.append("# HELP ").append(name).append(' ')
          .append(metric.getValue().help().replace("\\", "\\\\").replace("\n", "\\n"))
          .append('\n');
      out.append("# TYPE ").append(name).append(" counter\n");
      new TreeMap<>(metric.getValue().series()).forEach((labels, counter) ->
          out.append(name).append(labels).append(' ').append(counter.value()).append('\n'));
    }
    return out.toString();
  }

  /** The label set as exposed: {@code {k="v",...}}, or nothing without labels. */
  private static String labels(String[] pairs) {
    if (pairs.length % 2 != 0) {
      throw new IllegalArgumentException("labels come in key, value pairs");
    }
    if (pairs.length == 0) {
      return "";
    }
    StringBuilder s = new StringBuilder("{");
    for (int i = 0; i < pairs.length; i += 2) {
      if (!LABEL.matcher(pairs[i]).matches()) {
        throw new IllegalArgumentException("not a label name: " + pairs[i]);
      }
      s.append(i == 0 ? "" : ",").append(pairs[i]).append("=\"")
          .append(pairs[i + 1].replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n"))
          .append('"');
    }
    return s.append('}').toString();
  }
}
