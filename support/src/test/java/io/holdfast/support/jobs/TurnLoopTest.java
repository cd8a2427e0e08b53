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
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("TurnLoop")
class TurnLoopTest {
  private Vertx vertx;
  private final List<Long> starts = new CopyOnWriteArrayList<>();
  private final AtomicInteger ended = new AtomicInteger();

  /** A Vert.x of the test's own, closed by the extension after it. */
  @BeforeEach
  void start(Vertx vertx) {
    this.vertx = vertx;
  }

  @Test
  @DisplayName("a turn answering no pause is followed at once, one answering a pause after it")
  void pauses() throws Exception {
    // Turns 1 and 2 answer no pause, turn 3 a pause of 300 ms.
    TurnLoop loop = started(n -> after(5, n == 3 ? 300L : 0L));
    awaitStarts(4);
    stopNow(loop);
    assertThat(starts.get(3) - starts.get(2)).as("ms from turn 3 to turn 4").isGreaterThan(290);
  }

  @Test
  @DisplayName("a turn that fails or throws is logged and the next comes after the retry pause")
  void retries() throws Exception {
    TurnLoop loop = started(n -> {
      if (n == 1) {
        throw new IllegalStateException("thrown on purpose");
      }
      return n == 2 ? Future.failedFuture(new IllegalStateException("failed on purpose"))
          : after(1, 0L);
    });
    awaitStarts(3);
    stopNow(loop);
    assertThat(starts.get(1) - starts.get(0)).as("ms from turn 1 to turn 2").isGreaterThan(190);
    assertThat(starts.get(2) - starts.get(1)).as("ms from turn 2 to turn 3").isGreaterThan(190);
  }

  @Test
  @DisplayName("stop lets the turn in hand end, and no turn starts after it")
  void stopWaits() throws Exception {
    TurnLoop loop = started(n -> after(300, 0L));
    awaitStarts(1);
    stopNow(loop);
    int started = starts.size();
    assertThat(ended.get()).as("turns ended when stop completed").isEqualTo(started);
    Thread.sleep(100);
    assertThat(starts).as("turns started").hasSize(started);
  }

  @Test
  @DisplayName("a turn that halts the loop is its last")
  void halt() throws Exception {
    AtomicReference<TurnLoop> self = new AtomicReference<>();
    TurnLoop loop = started(n -> {
      if (n == 3) {
        self.get().halt();
      }
      return after(5, 0L);
    }, self);
    awaitStarts(3);
    Thread.sleep(200);
    assertThat(starts).as("turns started").hasSize(3);
    assertThat(loop.stopping()).isTrue();
    stopNow(loop);
  }

  private TurnLoop started(IntFunction<Future<Long>> turn) throws Exception {
    return started(turn, new AtomicReference<>());
  }

  /** A loop started on a context; {@code turn} gets the turn's number, from 1. */
  private TurnLoop started(IntFunction<Future<Long>> turn, AtomicReference<TurnLoop> self)
      throws Exception {
    CompletableFuture<TurnLoop> made = new CompletableFuture<>();
    vertx.runOnContext(v -> {
      TurnLoop loop = new TurnLoop(vertx, "test", 200, () -> {
        starts.add(System.nanoTime() / 1_000_000);
        return turn.apply(starts.size());
      });
      self.set(loop);
      loop.start();
      made.complete(loop);
    });
    return made.get(10, TimeUnit.SECONDS);
  }

  /** A turn that ends after {@code millis}, answering {@code pause}. */
  private Future<Long> after(long millis, long pause) {
    Promise<Long> done = Promise.promise();
    vertx.setTimer(millis, id -> {
      ended.incrementAndGet();
      done.complete(pause);
    });
    return done.future();
  }

  private void awaitStarts(int count) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 10_000;
    while (starts.size() < count && System.currentTimeMillis() < deadline) {
      Thread.sleep(5);
    }
    assertThat(starts).as("turns started").hasSizeGreaterThanOrEqualTo(count);
  }

  private void stopNow(TurnLoop loop) throws Exception {
    CompletableFuture<Void> stopped = new CompletableFuture<>();
    vertx.runOnContext(v -> loop.stop(5_000).onComplete(ar -> stopped.complete(null)));
    stopped.get(10, TimeUnit.SECONDS);
  }
}
