package io.holdfast.support.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * What a hold pays for its meters, measured apart (BENCHMARKS.md, "Metrics on the hold path"):
 * a loop doing what the edge's hold meter does (two clock reads, a record into a timer of the
 * hold's eleven buckets, an increment) against the same loop with the clock reads alone. Run by
 * hand, on a quiet machine: {@code java -cp <support's test classpath>
 * io.holdfast.support.metrics.HoldMetersCost}. Not a test: speed is never asserted in tests.
 */
public final class HoldMetersCost {
  private static final int HOLDS = 20_000_000;
  private static final Duration[] BUCKETS = {Duration.ofNanos(500_000), Duration.ofMillis(1),
      Duration.ofNanos(2_500_000), Duration.ofMillis(5), Duration.ofMillis(10),
      Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
      Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1)};

  private HoldMetersCost() {}

  public static void main(String[] args) {
    try (Meters meters = Meters.create("edge")) {
      Timer timer = meters.timer("holdfast_hold_seconds", "A hold's time", BUCKETS);
      Counter granted = meters.counter("holdfast_holds_total", "Holds", "outcome", "granted");
      long sink = 0;
      for (int round = 0; round < 8; round++) {
        long start = System.nanoTime();
        for (int i = 0; i < HOLDS; i++) {
          long began = System.nanoTime();
          sink += began;
          // A spread of durations, so that every bucket is hit, as holds' are.
          timer.record(System.nanoTime() - began + (i & 0xFFFFF) * 10L, TimeUnit.NANOSECONDS);
          granted.increment();
        }
        long metered = System.nanoTime() - start;
        start = System.nanoTime();
        for (int i = 0; i < HOLDS; i++) {
          long began = System.nanoTime();
          sink += System.nanoTime() - began + (i & 0xFFFFF) * 10L;
        }
        long clock = System.nanoTime() - start;
        System.out.printf("round %d: %.1f ns a hold with its meters, %.1f ns the clock reads "
            + "alone%n", round, metered / (double) HOLDS, clock / (double) HOLDS);
      }
      System.out.println(sink == 42 ? "" : "done");
    }
  }
}
