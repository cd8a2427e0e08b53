package io.holdfast.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.contracts.problem.Problem;
import io.holdfast.contracts.problem.ProblemException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waiting in tests: for a future from a test thread, for a condition to come true, and for a
 * probe that answers a future to show what the test waits for. One limit for all of them, so
 * a slow machine is given the same patience everywhere.
 */
public final class Await {
  /** How long a test waits for one future before it calls it lost. */
  public static final Duration LIMIT = Duration.ofSeconds(60);
  /** How long an asynchronous probe keeps asking. */
  public static final Duration PROBE_LIMIT = Duration.ofSeconds(15);
  private static final long POLL_MILLIS = 100;

  private Await() {}

  /** The future's result, waiting at most {@link #LIMIT}; its own failure is thrown as is. */
  public static <T> T await(Future<T> future) throws Exception {
    return future.await(LIMIT.toSeconds(), TimeUnit.SECONDS);
  }

  /** Like {@link #await}, for callers that cannot throw checked exceptions. */
  public static <T> T get(Future<T> future) {
    try {
      return await(future);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The problem a call was refused with; fails the test if it succeeded or failed otherwise. */
  public static Problem problem(Future<?> future) {
    try {
      future.await(LIMIT.toSeconds(), TimeUnit.SECONDS);
    } catch (Exception ignored) {
      // judged below
    }
    assertThat(future.failed()).as("expected a refusal, got %s", future.result()).isTrue();
    assertThat(future.cause()).isInstanceOf(ProblemException.class);
    return ((ProblemException) future.cause()).problem();
  }

  /** Polls {@code check} from this thread until it holds or {@code limit} passed; whether it held. */
  public static boolean eventually(Duration limit, BooleanSupplier check) {
    long end = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < end) {
      if (check.getAsBoolean()) {
        return true;
      }
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return check.getAsBoolean();
  }

  /**
   * Runs {@code probe} on Vert.x timers until its value passes {@code ready}, at most
   * {@link #PROBE_LIMIT}; fails with the last value seen. Never blocks an event loop.
   */
  public static <T> Future<T> until(Vertx vertx, Supplier<Future<T>> probe, Predicate<T> ready) {
    Promise<T> promise = Promise.promise();
    probeUntil(vertx, probe, ready, System.currentTimeMillis() + PROBE_LIMIT.toMillis(), promise);
    return promise.future();
  }

  private static <T> void probeUntil(Vertx vertx, Supplier<Future<T>> probe, Predicate<T> ready,
      long deadline, Promise<T> promise) {
    probe.get().onComplete(ar -> {
      if (ar.succeeded() && ready.test(ar.result())) {
        promise.complete(ar.result());
      } else if (System.currentTimeMillis() > deadline) {
        promise.fail(new AssertionError("not ready after " + PROBE_LIMIT.toMillis()
            + " ms; last: " + (ar.succeeded() ? ar.result() : ar.cause())));
      } else {
        vertx.setTimer(POLL_MILLIS, id -> probeUntil(vertx, probe, ready, deadline, promise));
      }
    });
  }
}
