package io.holdfast.deploy.kubernetes;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Enough of PromQL to check what monitoring/ writes: brackets balance, label matchers and
 * ranges are well formed, every function is one Prometheus has, and which metrics an
 * expression names. Grafana's variables ($__rate_interval, "$namespace") are accepted where
 * Grafana puts them. It is not Prometheus' parser: operator precedence and types are not
 * checked.
 */
final class PromQl {
  private PromQl() {}

  static final Set<String> FUNCTIONS = Set.of("abs", "absent", "absent_over_time",
      "avg_over_time", "ceil", "changes", "clamp", "clamp_max", "clamp_min", "count_over_time",
      "delta", "deriv", "exp", "floor", "histogram_quantile", "idelta", "increase", "irate",
      "label_join", "label_replace", "last_over_time", "ln", "log2", "log10", "max_over_time",
      "min_over_time", "predict_linear", "present_over_time", "quantile_over_time", "rate",
      "resets", "round", "scalar", "sort", "sort_desc", "sqrt", "stddev_over_time",
      "sum_over_time", "time", "timestamp", "vector", "sum", "min", "max", "avg", "count",
      "stddev", "stdvar", "topk", "bottomk", "quantile", "count_values", "group");
  private static final Set<String> AGGREGATIONS = Set.of("sum", "min", "max", "avg", "count",
      "stddev", "stdvar", "topk", "bottomk", "quantile", "count_values", "group");
  private static final Set<String> MODIFIERS = Set.of("by", "without", "on", "ignoring",
      "group_left", "group_right");
  private static final Set<String> WORDS = Set.of("and", "or", "unless", "bool");
  private static final String DURATION = "(\\d+(ms|[smhdwy]))+|\\$\\{?[A-Za-z_][A-Za-z0-9_]*}?";
  private static final Pattern RANGE = Pattern.compile("\\s*(" + DURATION + ")\\s*(:\\s*("
      + DURATION + ")?\\s*)?");
  private static final Pattern MATCHER = Pattern.compile(
      "\\s*[A-Za-z_][A-Za-z0-9_]*\\s*(=~|!~|!=|=)\\s*(\"([^\"\\\\]|\\\\.)*\"|'([^'\\\\]|\\\\.)*')"
      + "\\s*");

  /** The metric names {@code expr} selects; IllegalArgumentException when it is malformed. */
  static Set<String> metrics(String expr) {
    Set<String> metrics = new TreeSet<>();
    Deque<Integer> open = new ArrayDeque<>();
    int i = 0;
    while (i < expr.length()) {
      char c = expr.charAt(i);
      if (Character.isWhitespace(c) || "+-*/%^=!<>,".indexOf(c) >= 0) {
        i++;
      } else if (c == '"' || c == '\'') {
        i = string(expr, i);
      } else if (c == '(') {
        open.push(i++);
      } else if (c == ')') {
        if (open.isEmpty()) {
          throw bad(expr, i, "a ')' closes nothing");
        }
        open.pop();
        i++;
      } else if (c == '{') {
        i = matchers(expr, i);
      } else if (c == '[') {
        int end = expr.indexOf(']', i);
        if (end < 0 || !RANGE.matcher(expr.substring(i + 1, end)).matches()) {
          throw bad(expr, i, "a range is [DURATION] or [DURATION:STEP]");
        }
        i = end + 1;
      } else if (Character.isDigit(c) || c == '.') {
        i = number(expr, i);
      } else if (Character.isLetter(c) || c == '_' || c == ':') {
        int start = i;
        while (i < expr.length() && (Character.isLetterOrDigit(expr.charAt(i))
            || expr.charAt(i) == '_' || expr.charAt(i) == ':')) {
          i++;
        }
        String word = expr.substring(start, i);
        int next = skip(expr, i);
        boolean call = next < expr.length() && expr.charAt(next) == '(';
        if (MODIFIERS.contains(word)) {
          if (call) {
            i = labels(expr, next);
          } else if (!word.startsWith("group_")) {
            throw bad(expr, start, word + " needs a list of labels");
          }
        } else if (word.equals("offset")) {
          i = duration(expr, next);
        } else if (call) {
          if (!FUNCTIONS.contains(word)) {
            throw bad(expr, start, word + " is not a PromQL function");
          }
        } else if (AGGREGATIONS.contains(word) && grouped(expr, next)) {
          // sum by (le) (...): the grouping comes before the arguments.
          continue;
        } else if (!WORDS.contains(word)) {
          metrics.add(word);
        }
      } else {
        throw bad(expr, i, "unexpected '" + c + "'");
      }
    }
    if (!open.isEmpty()) {
      throw bad(expr, open.peek(), "a '(' is never closed");
    }
    return metrics;
  }

  private static int matchers(String expr, int at) {
    int end = at + 1;
    while (end < expr.length() && expr.charAt(end) != '}') {
      char c = expr.charAt(end);
      if (c == '"' || c == '\'') {
        end = string(expr, end);
      } else {
        end++;
      }
    }
    if (end >= expr.length()) {
      throw bad(expr, at, "a '{' is never closed");
    }
    String body = expr.substring(at + 1, end).trim();
    if (!body.isEmpty()) {
      for (String matcher : splitOutsideQuotes(body)) {
        if (!matcher.isBlank() && !MATCHER.matcher(matcher).matches()) {
          throw bad(expr, at, "label matcher '" + matcher.trim() + "' is not label op \"value\"");
        }
      }
    }
    return end + 1;
  }

  private static List<String> splitOutsideQuotes(String body) {
    List<String> parts = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (c == '"' || c == '\'') {
        i = string(body, i) - 1;
      } else if (c == ',') {
        parts.add(body.substring(start, i));
        start = i + 1;
      }
    }
    parts.add(body.substring(start));
    return parts;
  }

  private static int labels(String expr, int at) {
    int end = expr.indexOf(')', at);
    if (end < 0 || !expr.substring(at + 1, end)
        .matches("\\s*([A-Za-z_][A-Za-z0-9_]*\\s*(,\\s*[A-Za-z_][A-Za-z0-9_]*\\s*)*,?)?\\s*")) {
      throw bad(expr, at, "a list of labels is (label, ...)");
    }
    return end + 1;
  }

  private static int string(String expr, int at) {
    char quote = expr.charAt(at);
    for (int i = at + 1; i < expr.length(); i++) {
      if (expr.charAt(i) == '\\') {
        i++;
      } else if (expr.charAt(i) == quote) {
        return i + 1;
      }
    }
    throw bad(expr, at, "a string is never closed");
  }

  private static int number(String expr, int at) {
    var m = Pattern.compile("(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?").matcher(expr);
    if (!m.find(at) || m.start() != at) {
      throw bad(expr, at, "not a number");
    }
    return m.end();
  }

  private static int duration(String expr, int at) {
    var m = Pattern.compile("(\\d+(ms|[smhdwy]))+").matcher(expr);
    if (!m.find(at) || m.start() != at) {
      throw bad(expr, at, "offset needs a duration");
    }
    return m.end();
  }

  private static boolean grouped(String expr, int at) {
    return expr.startsWith("by", at) || expr.startsWith("without", at);
  }

  private static int skip(String expr, int at) {
    while (at < expr.length() && Character.isWhitespace(expr.charAt(at))) {
      at++;
    }
    return at;
  }

  private static IllegalArgumentException bad(String expr, int at, String why) {
    return new IllegalArgumentException(why + " at " + at + " of: " + expr);
  }
}
