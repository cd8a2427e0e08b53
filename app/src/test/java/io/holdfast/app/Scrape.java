package io.holdfast.app;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code /metrics} answer, read: each series' name, labels and value, and each metric's type
 * from its {@code # TYPE} line.
 */
record Scrape(String text, List<Scrape.Series> series, Map<String, String> types) {
  private static final Pattern LINE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)"
      + "(?:\\{(.*)})? (\\S+)$");
  private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|"
      + "\\\\.)*)\"");

  /** One line of a metric: {@code name{labels} value}. */
  record Series(String name, Map<String, String> labels, double value) {}

  static Scrape of(String text) {
    List<Series> series = new ArrayList<>();
    Map<String, String> types = new TreeMap<>();
    for (String line : text.split("\n")) {
      if (line.startsWith("# TYPE ")) {
        String[] words = line.split(" ");
        types.put(words[2], words[3]);
        continue;
      }
      Matcher m = LINE.matcher(line);
      if (line.startsWith("#") || !m.matches()) {
        continue;
      }
      Map<String, String> labels = new LinkedHashMap<>();
      if (m.group(2) != null) {
        Matcher l = LABEL.matcher(m.group(2));
        while (l.find()) {
          labels.put(l.group(1), l.group(2));
        }
      }
      series.add(new Series(m.group(1), labels, Double.parseDouble(m.group(3))));
    }
    return new Scrape(text, List.copyOf(series), Collections.unmodifiableMap(types));
  }

  /** The series of {@code name} that carry every label of {@code labels} (key, value, ...). */
  List<Series> find(String name, String... labels) {
    List<Series> found = new ArrayList<>();
    for (Series s : series) {
      boolean all = s.name().equals(name);
      for (int i = 0; all && i < labels.length; i += 2) {
        all = labels[i + 1].equals(s.labels().get(labels[i]));
      }
      if (all) {
        found.add(s);
      }
    }
    return found;
  }

  /** The sum of the series {@link #find} finds: 0 when there is none. */
  double value(String name, String... labels) {
    return find(name, labels).stream().mapToDouble(Series::value).sum();
  }
}
