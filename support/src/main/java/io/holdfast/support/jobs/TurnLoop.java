package io.holdfast.support.jobs;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns run back to back on a verticle's context: each turn (a poll and its settlement, a
 * claimed batch and its publish) answers how long to pause before the next, 0 for at once, so
 * work is never in hand twice and a busy loop never waits. A failed turn is logged and the next
 * comes after {@code retryMillis}. A turn completes later (it polls or queries); one that
 * completed at once, again and again, with no pause, would never yield the thread. Used from one
 * verticle's context only.
 */
public final class TurnLoop {
  private static final Logger LOG = LoggerFactory.getLogger(TurnLoop.class);

  private final Vertx vertx;
  private final String name;
  private final long retryMillis;
  private final Supplier<Future<Long>> turn;
  private final Promise<Void> stopped = Promise.promise();
  private volatile boolean stopping;

  /**
   * A loop of {@code turn}, not started yet; {@code name} is what the log calls a turn
   * ("Polling payments", "Relaying the outbox").
   */
  public TurnLoop(Vertx vertx, String name, long retryMillis, Supplier<Future<Long>> turn) {
    this.vertx = vertx;
    this.name = name;
    this.retryMillis = retryMillis;
    this.turn = turn;
  }

  /** Runs the first turn now. */
  public void start() {
    next();
  }

  private void next() {
    if (stopping) {
      stopped.tryComplete();
      return;
    }
    Future<Long> current;
    try {
      current = turn.get();
    } catch (RuntimeException e) {
      current = Future.failedFuture(e);
    }
    current.onComplete(ar -> {
      long pause;
      if (ar.failed()) {
        LOG.warn("{} failed; trying again in {} ms", name, retryMillis, ar.cause());
        pause = retryMillis;
      } else {
        pause = ar.result();
      }
      if (pause > 0 && !stopping) {
        vertx.setTimer(pause, id -> next());
      } else {
        next();
      }
    });
  }

  /** Whether the loop is stopping: work a turn left behind should not start anything new. */
  public boolean stopping() {
    return stopping;
  }

  /** No turn after the one in hand (a kill switch's way to stop the loop dead). */
  public void halt() {
    stopping = true;
  }

  /**
   * No turn after the one in hand; completes when that one has ended (or after
   * {@code waitMillis}, whichever first).
   */
  public Future<Void> stop(long waitMillis) {
    halt();
    return stopped.future().timeout(waitMillis, TimeUnit.MILLISECONDS)
        .recover(t -> Future.succeededFuture());
  }
}
