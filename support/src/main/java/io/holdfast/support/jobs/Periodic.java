package io.holdfast.support.jobs;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A job run again and again on a verticle's context: the first run after {@code firstDelay},
 * each next one {@code interval} after the one before ended (never two at once, however long
 * one takes). A failed run is logged and the next one comes as usual. Used from one verticle's
 * context only.
 */
public final class Periodic {
  private static final Logger LOG = LoggerFactory.getLogger(Periodic.class);

  private final Vertx vertx;
  private final String name;
  private final long interval;
  private final Supplier<Future<?>> job;
  private long timer;
  private Future<?> running = Future.succeededFuture();
  private boolean stopping;

  private Periodic(Vertx vertx, String name, long firstDelay, long interval,
      Supplier<Future<?>> job) {
    this.vertx = vertx;
    this.name = name;
    this.interval = interval;
    this.job = job;
    this.timer = vertx.setTimer(firstDelay, id -> run());
  }

  /** Starts running {@code job}; {@code name} is what the log calls it. */
  public static Periodic start(Vertx vertx, String name, long firstDelay, long interval,
      Supplier<Future<?>> job) {
    return new Periodic(vertx, name, firstDelay, interval, job);
  }

  private void run() {
    if (stopping) {
      return;
    }
    Future<?> run;
    try {
      run = job.get();
    } catch (RuntimeException e) {
      run = Future.failedFuture(e);
    }
    running = run.onComplete(ar -> {
      if (ar.failed()) {
        LOG.warn("{} failed; next run in {} ms", name, interval, ar.cause());
      }
      if (!stopping) {
        timer = vertx.setTimer(interval, id -> run());
      }
    });
  }

  /** No further runs; completes when a run in hand has ended (or after 10 s, whichever first). */
  public Future<Void> stop() {
    stopping = true;
    vertx.cancelTimer(timer);
    return running.timeout(10, TimeUnit.SECONDS).<Void>mapEmpty()
        .recover(t -> Future.succeededFuture());
  }
}
