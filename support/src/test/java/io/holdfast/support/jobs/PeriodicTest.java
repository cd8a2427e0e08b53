package io.holdfast.support.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("Periodic")
class PeriodicTest {
  private Vertx vertx;

  /** A Vert.x of the test's own, closed by the extension after it. */
  @BeforeEach
  void start(Vertx vertx) {
    this.vertx = vertx;
  }

  @Test
  @DisplayName("runs the next run an interval after the one before ended, never two at once")
  void fixedDelay() throws Exception {
    SlowJob job = new SlowJob(100);
    Periodic runs = onContext(() -> Periodic.start(vertx, "test", 10, 20, job));
    job.awaitStarts(3);
    stopNow(runs);
    assertThat(job.mostAtOnce.get()).as("runs at once").isEqualTo(1);
    List<Long> starts = job.starts;
    for (int i = 1; i < starts.size(); i++) {
      // 100 ms of run and 20 ms of pause, less a little for the clock's grain.
      assertThat(starts.get(i) - starts.get(i - 1)).as("ms between starts").isGreaterThan(110);
    }
  }

  @Test
  @DisplayName("on a fixed clock, a round still running when the next is due makes that one skip")
  void fixedRateSkips() throws Exception {
    SlowJob job = new SlowJob(110);
    Periodic runs = onContext(() -> Periodic.everyInterval(vertx, "test", 20, job));
    job.awaitStarts(3);
    stopNow(runs);
    assertThat(job.mostAtOnce.get()).as("runs at once").isEqualTo(1);
    List<Long> starts = job.starts;
    for (int i = 1; i < starts.size(); i++) {
      // Five ticks came due during each run; none of them started one.
      assertThat(starts.get(i) - starts.get(i - 1)).as("ms between starts").isGreaterThan(105);
    }
  }

  @Test
  @DisplayName("a run that fails or throws is logged and the next one comes as usual")
  void failureDoesNotStop() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    CompletableFuture<Void> third = new CompletableFuture<>();
    Periodic runs = onContext(() -> Periodic.start(vertx, "test", 1, 5, () -> {
      int n = calls.incrementAndGet();
      if (n == 1) {
        throw new IllegalStateException("thrown on purpose");
      }
      if (n == 3) {
        third.complete(null);
      }
      return Future.failedFuture(new IllegalStateException("failed on purpose"));
    }));
    third.get(10, TimeUnit.SECONDS);
    stopNow(runs);
  }

  @Test
  @DisplayName("stop waits for the run in hand, and no run starts after it")
  void stopWaits() throws Exception {
    SlowJob job = new SlowJob(300);
    Periodic runs = onContext(() -> Periodic.everyInterval(vertx, "test", 10, job));
    job.awaitStarts(1);
    CompletableFuture<Void> stopped = new CompletableFuture<>();
    vertx.runOnContext(v -> runs.stop().onComplete(ar -> stopped.complete(null)));
    stopped.get(10, TimeUnit.SECONDS);
    int started = job.starts.size();
    assertThat(job.ended.get()).as("runs ended when stop completed").isEqualTo(started);
    Thread.sleep(100);
    assertThat(job.starts).as("runs started").hasSize(started);
  }

  private <T> T onContext(Supplier<T> make) throws Exception {
    CompletableFuture<T> made = new CompletableFuture<>();
    vertx.runOnContext(v -> made.complete(make.get()));
    return made.get(10, TimeUnit.SECONDS);
  }

  private void stopNow(Periodic runs) throws Exception {
    CompletableFuture<Void> stopped = new CompletableFuture<>();
    vertx.runOnContext(v -> runs.stop().onComplete(ar -> stopped.complete(null)));
    stopped.get(15, TimeUnit.SECONDS);
  }

  /** A job whose runs each take {@code millis}; notes when they start and how many overlap. */
  private final class SlowJob implements Supplier<Future<?>> {
    final long millis;
    final List<Long> starts = new CopyOnWriteArrayList<>();
    final AtomicInteger atOnce = new AtomicInteger();
    final AtomicInteger mostAtOnce = new AtomicInteger();
    final AtomicInteger ended = new AtomicInteger();

    SlowJob(long millis) {
      this.millis = millis;
    }

    @Override
    public Future<?> get() {
      starts.add(System.nanoTime() / 1_000_000);
      mostAtOnce.accumulateAndGet(atOnce.incrementAndGet(), Math::max);
      Promise<Void> done = Promise.promise();
      vertx.setTimer(millis, id -> {
        atOnce.decrementAndGet();
        ended.incrementAndGet();
        done.complete();
      });
      return done.future();
    }

    void awaitStarts(int count) throws InterruptedException {
      long deadline = System.currentTimeMillis() + 10_000;
      while (starts.size() < count && System.currentTimeMillis() < deadline) {
        Thread.sleep(5);
      }
      assertThat(starts).as("runs started").hasSizeGreaterThanOrEqualTo(count);
    }
  }
}
