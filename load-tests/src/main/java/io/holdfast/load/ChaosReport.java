package io.holdfast.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The table of a chaos run, from its trace (every answer of the drop) and its faults file
 * ({@code name,startMillis,endMillis}: when each fault was made and when it was undone). Each
 * fault is judged in its window, from the fault to the next one (or the end of the load): holds
 * granted a second in the 15 s before it, from the fault until it recovered, and in the 15 s
 * after; the answers buyers got in the window that were neither a grant, a sold-out nor a
 * success, by status (0: no answer at all); and the time to recover: from the fault to the end
 * of the last second of the window with such an error or with fewer than half the holds a second
 * of before.
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
    List<String[]> faults = Files.readAllLines(Path.of(args[1])).stream()
        .map(l -> l.split(",")).filter(f -> f.length == 3).toList();
    long lastAnswer = answers.stream().mapToLong(Answer::at).max().orElse(0);
    for (int i = 0; i < faults.size(); i++) {
      String[] f = faults.get(i);
      long windowEnd = i + 1 < faults.size() ? Long.parseLong(faults.get(i + 1)[1])
          : lastAnswer + 1;
      System.out.println(row(f[0], Long.parseLong(f[1]), Long.parseLong(f[2]), windowEnd,
          answers));
    }
  }

  static String row(String fault, long start, long end, long windowEnd, List<Answer> answers) {
    if (answers.stream().noneMatch(a -> a.at() >= start)) {
      return "| " + fault + " | no load then: the drop had ended | | | | |";
    }
    double before = rate(answers, start - WINDOW_MILLIS, start);
    long recovered = recovered(answers, start, windowEnd, before);
    double during = rate(answers, start, Math.max(recovered, end));
    double after = rate(answers, recovered, Math.min(windowEnd, recovered + WINDOW_MILLIS));
    Map<Integer, Long> errors = answers.stream()
        .filter(a -> a.at() >= start && a.at() < windowEnd && a.error())
        .collect(Collectors.groupingBy(Answer::status, TreeMap::new, Collectors.counting()));
    String errorText = errors.isEmpty() ? "none" : errors.entrySet().stream()
        .map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining(", "));
    return String.format("| %s | %.1f | %.1f | %.1f | %s | %.0f s |", fault, before, during,
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

  /**
   * The end of the last bad second in [start, windowEnd): one with an error answer or fewer than
   * half the holds a second of before; {@code start} when there is none.
   */
  static long recovered(List<Answer> answers, long start, long windowEnd, double before) {
    long recovered = start;
    for (long s = start; s + 1000 <= windowEnd; s += 1000) {
      long from = s;
      boolean errors = answers.stream().anyMatch(a -> a.at() >= from && a.at() < from + 1000
          && a.error());
      if (errors || rate(answers, from, from + 1000) < before / 2) {
        recovered = from + 1000;
      }
    }
    return recovered;
  }
}
