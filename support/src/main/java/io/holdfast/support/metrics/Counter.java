package io.holdfast.support.metrics;

import java.util.concurrent.atomic.LongAdder;

/**
 * A monotonic count, cheap to increment from any thread (a {@link LongAdder}: no contended
 * cache line on a hot path). Made and kept by {@link Metrics}; only ever goes up.
 */
public final class Counter {
  private final LongAdder count = new LongAdder();

  Counter() {}

  public void increment() {
    count.increment();
  }

  /** Adds {@code n}, which must not be negative: a counter never goes down. */
  public void add(long n) {
    if (n < 0) {
      throw new IllegalArgumentException("a counter only goes up: " + n);
    }
    count.add(n);
  }

  public long value() {
    return count.sum();
  }
}
