package io.holdfast.documents;

import io.holdfast.support.config.Setting;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Rendering (PDFs, QR codes) on a bounded worker pool of its own, shared by name within one
 * Vert.x: a rush of downloads after an on-sale queues here, never on an event loop nor in front
 * of the default worker pool's Stripe calls. Each user of the pool (an edge verticle, the mail
 * worker) admits at most {@link #MAX_WAITING} renders at once, counted from before their data is
 * read until their bytes are made; past that a render is refused at once with {@link Busy}, so a
 * flood of requests costs neither memory nor database reads.
 */
public final class RenderPool {
  /** Per process. */
  public static final Setting WORKERS = Setting.none("HOLDFAST_RENDER_WORKERS",
      "documents.renderWorkers", "one more than the cores", "threads that render ticket PDFs "
      + "and QR codes, a pool of their own (with one per core, a sale's confirmations fell "
      + "behind the sale on a busy 2-core box)");
  public static final Setting MAX_WAITING = Setting.number("HOLDFAST_RENDER_MAX_WAITING",
      "documents.renderMaxWaiting", 32, "renders one edge verticle (or mail worker) has running "
      + "or queued at most; more are a 503 busy");
  /** The pool's name, and its threads' name prefix. */
  public static final String POOL = "holdfast-render";

  /** A render refused because {@link #MAX_WAITING} are under way; try again shortly. */
  public static final class Busy extends RuntimeException {
    Busy(int waiting) {
      super(waiting + " renders are under way; try again shortly", null, false, false);
    }
  }

  private final WorkerExecutor pool;
  private final int maxWaiting;
  private final AtomicInteger waiting = new AtomicInteger();

  private RenderPool(WorkerExecutor pool, int maxWaiting) {
    this.pool = pool;
    this.maxWaiting = maxWaiting;
  }

  /**
   * The pool of {@code config}'s size, created on first use (and closed with the verticle that
   * created it, or with Vert.x). Refuses sizes below 1.
   */
  public static RenderPool create(Vertx vertx, JsonObject config) {
    int workers = WORKERS.integer(config, Runtime.getRuntime().availableProcessors() + 1);
    int maxWaiting = MAX_WAITING.integer(config);
    if (workers < 1 || maxWaiting < 1) {
      throw new IllegalArgumentException("configuration " + WORKERS.key() + " and "
          + MAX_WAITING.key() + " must be at least 1");
    }
    return new RenderPool(vertx.createSharedWorkerExecutor(POOL, workers), maxWaiting);
  }

  /**
   * Takes a place, then {@code prepare}s (on the caller's context: read the data, check it,
   * answer the rendering to do), then runs that rendering on the pool; the place is given back
   * when it is done or anything failed. Fails with {@link Busy} when no place is free.
   */
  public <T> Future<T> render(Supplier<Future<Callable<T>>> prepare) {
    int now = waiting.incrementAndGet();
    if (now > maxWaiting) {
      waiting.decrementAndGet();
      return Future.failedFuture(new Busy(maxWaiting));
    }
    Future<Callable<T>> prepared;
    try {
      prepared = prepare.get();
    } catch (RuntimeException e) {
      prepared = Future.failedFuture(e);
    }
    return prepared.compose(work -> pool.executeBlocking(work, false))
        .andThen(done -> waiting.decrementAndGet());
  }

  /** Renders now under way or waiting, for tests and metrics. */
  public int waiting() {
    return waiting.get();
  }

  /** Lets go of this user's share of the pool (the pool closes with its last user). */
  public Future<Void> close() {
    return pool.close();
  }
}
