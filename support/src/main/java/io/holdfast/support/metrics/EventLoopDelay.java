package io.holdfast.support.metrics;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.util.concurrent.TimeUnit;

/**
 * How late the event loops run: a timer on each loop that should fire every
 * {@link #INTERVAL_MILLIS} and notes by how much it fired late. A loop kept busy by a handler
 * (or starved of the CPU) fires late by as long; Vert.x's blocked-thread warning says so only
 * past two seconds. Deploy one instance per event loop; {@code holdfast_event_loop_delay_seconds}
 * is the worst delay any loop saw in the current {@link #WINDOW_MILLIS} and the one before, so
 * a scrape every 15 s to 30 s misses no stall.
 */
public final class EventLoopDelay extends VerticleBase {
  public static final String NAME = "holdfast_event_loop_delay_seconds";
  static final long INTERVAL_MILLIS = 100;
  static final long WINDOW_MILLIS = 15_000;
  private static final long INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(INTERVAL_MILLIS);
  private static final long WINDOW_NANOS = TimeUnit.MILLISECONDS.toNanos(WINDOW_MILLIS);

  private long due;
  private long windowStart;
  private long timer;
  /** Written on the loop, read by the scraper: the worst delays of this and the last window. */
  private volatile long worst;
  private volatile long worstBefore;
  private Meters.Source source;

  @Override
  public Future<?> start() {
    long now = System.nanoTime();
    windowStart = now;
    schedule(now);
    source = Meters.of(vertx).max(NAME, "Worst delay of a periodic probe timer on the event "
        + "loops in the last 15 to 30 s: how long a handler kept a loop from its other work",
        this::seconds);
    return Future.succeededFuture();
  }

  private void schedule(long now) {
    due = now + INTERVAL_NANOS;
    timer = vertx.setTimer(INTERVAL_MILLIS, id -> fired());
  }

  private void fired() {
    long now = System.nanoTime();
    if (now - windowStart >= WINDOW_NANOS) {
      worstBefore = worst;
      worst = 0;
      windowStart = now;
    }
    long late = Math.max(0, now - due);
    if (late > worst) {
      worst = late;
    }
    schedule(now);
  }

  private double seconds() {
    return Math.max(worst, worstBefore) / 1e9;
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(timer);
    if (source != null) {
      source.close();
    }
    return Future.succeededFuture();
  }
}
