package io.holdfast.testkit;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metrics docs/metrics.md documents, read from its tables under "The series": each name as
 * Prometheus shows it, with its type. The platform's test of {@code /metrics} checks that what a
 * running platform serves is exactly this; the deploy module's checks that the dashboard and
 * the alerts name only these. So the document is the one list, and a meter renamed in the code
 * fails both until the document and what watches it follow.
 */
public final class MetricsCatalogue {
  /** A metric's type, the word the document's "Type" column starts with. */
  public enum Type {
    COUNTER, GAUGE,
    /** Buckets, a sum and a count; Micrometer serves a {@code _max} gauge beside it. */
    HISTOGRAM,
    /** Micrometer's timer without buckets: a summary's sum and count, and a {@code _max}. */
    TIMER
  }

  private static final String FILE = "docs/metrics.md";
  private static final Pattern NAME = Pattern.compile("`([a-z_:][a-z0-9_:]*)(?:\\{[^}`]*})?`");

  private MetricsCatalogue() {}

  /**
   * Every documented metric with a type (a row whose type is none of {@link Type}, such as the
   * JVM binders' "and the rest" row, names no metric here), sorted by name.
   */
  public static Map<String, Type> documented() {
    return parse(Repository.read(FILE));
  }

  static Map<String, Type> parse(String markdown) {
    Map<String, Type> metrics = new TreeMap<>();
    boolean inSeries = false;
    for (String line : markdown.split("\n")) {
      if (line.startsWith("## ")) {
        inSeries = line.equals("## The series");
        continue;
      }
      if (!inSeries || !line.startsWith("| `")) {
        continue;
      }
      String[] cells = line.split("\\|");
      Type type = type(cells[2]);
      if (type == null) {
        continue;
      }
      Matcher m = NAME.matcher(cells[1]);
      while (m.find()) {
        if (metrics.put(m.group(1), type) != null) {
          throw new IllegalStateException(FILE + " documents " + m.group(1) + " twice");
        }
      }
    }
    if (metrics.isEmpty()) {
      throw new IllegalStateException(FILE + " has no table of series under \"## The series\"");
    }
    return Collections.unmodifiableMap(metrics);
  }

  /** "counter, `outcome`", "counters", "histogram: ..." : the type; null for any other. */
  private static Type type(String cell) {
    String word = cell.strip().split("[ ,:;]", 2)[0].toUpperCase(java.util.Locale.ROOT);
    if (word.endsWith("S")) {
      word = word.substring(0, word.length() - 1);
    }
    for (Type t : Type.values()) {
      if (t.name().equals(word)) {
        return t;
      }
    }
    return null;
  }
}
