package io.holdfast.support.jobs;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A job run again and again on a verticle's context, never two runs at once however long one
 * takes. Two cadences: {@link #start} runs the next one {@code interval} after the one before
 * ended; {@link #everyInterval} runs on a fixed clock, and a run still going when the next is
 * due makes that one skip. A failed run is logged and the next one comes as usual. Used from
 * one verticle's context only.
 */
public final class Periodic {
  private static final Logger LOG = LoggerFactory.getLogger(Periodic.class);

  private final Vertx vertx;
  private final String name;
  private final long interval;
  private final Supplier<Future<?>> job;
  private final boolean fixedRate;
  private long timer;
  private Future<?> running = Future.succeededFuture();
  private boolean stopping;

  private Periodic(Vertx vertx, String name, long interval, Supplier<Future<?>> job,
      boolean fixedRate) {
    this.vertx = vertx;
    this.name = name;
    this.interval = interval;
    this.job = job;
    this.fixedRate = fixedRate;
  }

  /**
   * Starts running {@code job}: the first run after {@code firstDelay}, each next one
   * {@code interval} after the one before ended. {@code name} is what the log calls it.
   */
  public static Periodic start(Vertx vertx, String name, long firstDelay, long interval,
      Supplier<Future<?>> job) {
    Periodic periodic = new Periodic(vertx, name, interval, job, false);
    periodic.timer = vertx.setTimer(firstDelay, id -> periodic.run());
    return periodic;
  }

  /**
   * Starts running {@code job} every {@code interval}, the first run one interval from now; a
   * run still going when the next is due makes that one skip. {@code name} is what the log
   * calls it.
   */
  public static Periodic everyInterval(Vertx vertx, String name, long interval,
      Supplier<Future<?>> job) {
    Periodic periodic = new Periodic(vertx, name, interval, job, true);
    periodic.timer = vertx.setPeriodic(interval, id -> periodic.run());
    return periodic;
  }

  private void run() {
    if (stopping || !running.isComplete()) {
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
        if (fixedRate) {
          LOG.warn("{} failed; trying again next round", name, ar.cause());
        } else {
          LOG.warn("{} failed; next run in {} ms", name, interval, ar.cause());
        }
      }
      if (!fixedRate && !stopping) {
        timer = vertx.setTimer(interval, id -> run());
      }
    });
  }

  /**
   * No further runs; completes when a run in hand has ended (or after 10 s, whichever first).
   * A caller that need not wait for that may ignore the answer: no run starts after this call.
   */
  public Future<Void> stop() {
    stopping = true;
    vertx.cancelTimer(timer);
    return running.timeout(10, TimeUnit.SECONDS).<Void>mapEmpty()
        .recover(t -> Future.succeededFuture());
  }
}
