package io.holdfast.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The table of a chaos run, from its trace (every answer of the drop) and its faults file
 * ({@code name,startMillis,endMillis}: when each fault was made and when it was undone). For each
 * fault: holds granted a second in the 15 s before it, while it lasted, and in the 15 s after
 * recovery; the answers buyers got that were neither a grant, a sold-out nor a success, by status
 * (0: no answer at all); and the time to recover, from the fault to the first of 3 seconds in a
 * row without such an error and with at least half the holds a second of before.
 */
public final class ChaosReport {
  private static final long WINDOW_MILLIS = 15_000;

  private ChaosReport() {}

  record Answer(long at, String step, int status) {
    boolean granted() {
      return step.equals("hold") && status == 201;
    }

    boolean error() {
      return status == 0 || status >= 500 || (status >= 400 && status != 409);
    }
  }

  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("Usage: ChaosReport TRACE_FILE FAULTS_FILE");
      System.exit(2);
    }
    List<Answer> answers = Files.readAllLines(Path.of(args[0])).stream()
        .map(l -> l.split(",", -1)).filter(f -> f.length >= 3)
        .map(f -> new Answer(Long.parseLong(f[0]), f[1], Integer.parseInt(f[2]))).toList();
    System.out.println("| fault | holds/s before | during | after | errors buyers saw (status: count) | time to recover |");
    System.out.println("|---|---:|---:|---:|---|---:|");
    for (String line : Files.readAllLines(Path.of(args[1]))) {
      String[] f = line.split(",");
      if (f.length == 3) {
        System.out.println(row(f[0], Long.parseLong(f[1]), Long.parseLong(f[2]), answers));
      }
    }
  }

  static String row(String fault, long start, long end, List<Answer> answers) {
    if (answers.stream().noneMatch(a -> a.at() >= start)) {
      return "| " + fault + " | no load then: the drop had ended | | | | |";
    }
    double before = rate(answers, start - WINDOW_MILLIS, start);
    long recovered = recovered(answers, start, before);
    double during = rate(answers, start, Math.max(end, recovered));
    double after = rate(answers, recovered, recovered + WINDOW_MILLIS);
    Map<Integer, Long> errors = answers.stream()
        .filter(a -> a.at() >= start && a.at() < recovered && a.error())
        .collect(Collectors.groupingBy(Answer::status, TreeMap::new, Collectors.counting()));
    String errorText = errors.isEmpty() ? "none" : errors.entrySet().stream()
        .map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining(", "));
    return String.format("| %s | %.1f | %.1f | %.1f | %s | %.1f s |", fault, before, during,
        after, errorText, (recovered - start) / 1000.0);
  }

  /** Holds granted a second in [from, to). */
  static double rate(List<Answer> answers, long from, long to) {
    if (to <= from) {
      return 0;
    }
    long n = answers.stream().filter(a -> a.granted() && a.at() >= from && a.at() < to).count();
    return n * 1000.0 / (to - from);
  }

  /** The start of the first 3 clean seconds after {@code start} (the end of the trace if none). */
  static long recovered(List<Answer> answers, long start, double before) {
    long last = answers.stream().mapToLong(Answer::at).max().orElse(start);
    int clean = 0;
    for (long s = start; s < last; s += 1000) {
      long from = s;
      boolean errors = answers.stream().anyMatch(a -> a.at() >= from && a.at() < from + 1000
          && a.error());
      boolean flowing = rate(answers, from, from + 1000) >= before / 2;
      clean = !errors && flowing ? clean + 1 : 0;
      if (clean == 3) {
        return from - 2000;
      }
    }
    return last;
  }
}
