package io.holdfast.edge.seatmap;

import io.holdfast.contracts.core.Availability;
import io.holdfast.contracts.core.AvailabilityRequest;
import io.holdfast.contracts.core.CoreCodecs;
import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.contracts.Addresses;
import io.holdfast.contracts.problem.BusProblems;
import io.holdfast.contracts.problem.Problems;
import io.holdfast.contracts.problem.ProblemException;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The feeds of one edge verticle against a stand-in core that knows one event and answers it
 * slowly: what is kept, for whom, and for how long.
 */
@DisplayName("Seat-map feeds")
class SeatMapFeedTest {
  private static final long INTERVAL = 50;
  private static final long CORE_DELAY = 150;
  private Vertx vertx;
  private Context context;
  private SeatMapFeed feed;
  private final String known = UUID.randomUUID().toString();
  /** The events the stand-in core has. */
  private final java.util.Set<String> loaded = ConcurrentHashMap.newKeySet();
  /** Reads the core was asked for, per event. */
  private final ConcurrentHashMap<String, AtomicInteger> reads = new ConcurrentHashMap<>();

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    CoreCodecs.register(vertx);
    vertx.eventBus().<AvailabilityRequest>consumer(Addresses.AVAILABILITY, msg -> {
      String eventId = msg.body().eventId();
      reads.computeIfAbsent(eventId, id -> new AtomicInteger()).incrementAndGet();
      vertx.setTimer(CORE_DELAY, t -> {
        if (loaded.contains(eventId)) {
          msg.reply(new Availability(eventId, new Availability.Counts(10, 10, 0, 0),
              List.of()));
        } else {
          BusProblems.fail(msg, Problems.notFound("Event " + eventId));
        }
      });
    });
    loaded.add(known);
    context = vertx.getOrCreateContext();
    feed = on(() -> Future.succeededFuture(new SeatMapFeed(vertx, INTERVAL, 3, 4)));
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  /** Runs {@code task} on the feed's event loop, as the edge verticle does, and waits for it. */
  private <T> T on(Supplier<Future<T>> task) throws Exception {
    Promise<T> done = Promise.promise();
    context.runOnContext(ignored -> task.get().onComplete(done));
    return done.future().await(10, TimeUnit.SECONDS);
  }

  private Throwable failure(Supplier<Future<Void>> task) throws Exception {
    Promise<Throwable> done = Promise.promise();
    context.runOnContext(ignored -> task.get().onComplete(ar -> done.complete(ar.cause())));
    return done.future().await(10, TimeUnit.SECONDS);
  }

  private int feeds() throws Exception {
    return on(() -> Future.succeededFuture(feed.feeds()));
  }

  private int viewers() throws Exception {
    return on(() -> Future.succeededFuture(feed.viewers()));
  }

  private int readsOf(String eventId) {
    return reads.getOrDefault(eventId, new AtomicInteger()).get();
  }

  /** A viewer that only counts what it is sent. */
  private static final class Counting implements SeatMapFeed.Viewer {
    final AtomicInteger frames = new AtomicInteger();

    @Override
    public void send(Buffer frame, boolean full) {
      frames.incrementAndGet();
    }

    @Override
    public void keepAlive(long now) {}
  }

  @Test
  @DisplayName("watching or reading 200 events the core does not know fails each with a 404 and keeps no feed")
  void unknownEventsLeaveNothing() throws Exception {
    // Bounds wide enough for all at once: each is refused for being unknown, not for them.
    feed = on(() -> Future.succeededFuture(new SeatMapFeed(vertx, INTERVAL, 1_000, 1_000)));
    List<Future<Void>> watches = on(() -> {
      List<Future<Void>> all = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        all.add(feed.watch(UUID.randomUUID().toString(), new Counting()));
        all.add(feed.snapshot(UUID.randomUUID().toString(), 60_000).mapEmpty());
      }
      return Future.join(all).transform(done -> Future.succeededFuture(all));
    });
    for (Future<Void> watch : watches) {
      assertThat(watch.cause()).isInstanceOfSatisfying(ProblemException.class,
          pe -> assertThat(pe.problem().status()).isEqualTo(404));
    }
    assertThat(feeds()).isZero();
    assertThat(viewers()).isZero();
  }

  @Test
  @DisplayName("a viewer that leaves during the first read is never added, and its event is not read again")
  void leavingDuringTheFirstReadLeavesNothing() throws Exception {
    Counting viewer = new Counting();
    Promise<Void> watched = Promise.promise();
    context.runOnContext(ignored -> {
      feed.watch(known, viewer).onComplete(watched);
      // The connection closes while the core is still answering.
      vertx.setTimer(CORE_DELAY / 3, t -> feed.unwatch(known, viewer));
    });
    watched.future().transform(ar -> Future.succeededFuture()).await(10, TimeUnit.SECONDS);
    assertThat(viewer.frames.get()).isZero();
    assertThat(feeds()).isZero();
    assertThat(viewers()).isZero();
    int readsThen = readsOf(known);
    Thread.sleep(INTERVAL * 8);
    assertThat(readsOf(known)).as("reads after the viewer left").isEqualTo(readsThen);
  }

  @Test
  @DisplayName("a feed goes as soon as its last viewer leaves, and reading stops")
  void lastViewerLeaving() throws Exception {
    List<Counting> viewers = List.of(new Counting(), new Counting());
    for (Counting v : viewers) {
      on(() -> feed.watch(known, v));
    }
    assertThat(feeds()).isEqualTo(1);
    assertThat(viewers()).isEqualTo(2);
    assertThat(viewers.get(0).frames.get()).isEqualTo(1);
    on(() -> {
      feed.unwatch(known, viewers.get(0));
      return Future.succeededFuture();
    });
    assertThat(feeds()).isEqualTo(1);
    on(() -> {
      feed.unwatch(known, viewers.get(1));
      return Future.succeededFuture();
    });
    assertThat(feeds()).isZero();
    assertThat(viewers()).isZero();
    Thread.sleep(CORE_DELAY * 2);
    int readsThen = readsOf(known);
    Thread.sleep(INTERVAL * 8);
    assertThat(readsOf(known)).as("reads after the last viewer left").isEqualTo(readsThen);
  }

  @Test
  @DisplayName("past its bounds of feeds and viewers the edge refuses with a 503 to retry, and frees a place when a viewer leaves")
  void bounded() throws Exception {
    List<Counting> viewers = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      viewers.add(new Counting());
      on(() -> feed.watch(known, viewers.get(viewers.size() - 1)));
    }
    Throwable refused = failure(() -> feed.watch(known, new Counting()));
    assertThat(refused).isInstanceOfSatisfying(ProblemException.class, pe -> {
      assertThat(pe.problem().status()).isEqualTo(503);
      assertThat(pe.problem().extensions().getInteger("retryAfterSeconds")).isPositive();
    });
    assertThat(viewers()).isEqualTo(4);
    unwatch(known, viewers.remove(0));
    viewers.add(new Counting());
    on(() -> feed.watch(known, viewers.get(3)));
    assertThat(viewers()).isEqualTo(4);
    unwatch(known, viewers.remove(0));
    unwatch(known, viewers.remove(0));

    // Feeds: three at most, counting one kept for availability snapshots.
    String second = UUID.randomUUID().toString();
    String third = UUID.randomUUID().toString();
    String fourth = UUID.randomUUID().toString();
    loaded.addAll(List.of(second, third, fourth));
    on(() -> feed.snapshot(second, 60_000));
    Counting thirdViewer = new Counting();
    on(() -> feed.watch(third, thirdViewer));
    assertThat(feeds()).isEqualTo(3);
    assertThat(viewers()).isEqualTo(3);
    refused = failure(() -> feed.watch(fourth, new Counting()));
    assertThat(refused).isInstanceOfSatisfying(ProblemException.class,
        pe -> assertThat(pe.problem().status()).isEqualTo(503));
    assertThat(feeds()).isEqualTo(3);
    assertThat(viewers()).isEqualTo(3);
    assertThat(readsOf(fourth)).isZero();
    // A snapshot past the bound is still answered, read without keeping a feed.
    assertThat(on(() -> feed.snapshot(fourth, 60_000)).getInteger("capacity")).isEqualTo(10);
    assertThat(feeds()).isEqualTo(3);

    unwatch(third, thirdViewer);
    viewers.forEach(v -> unwatchQuietly(known, v));
    assertThat(viewers()).isZero();
    assertThat(feeds()).isEqualTo(1);
  }

  private void unwatch(String eventId, SeatMapFeed.Viewer viewer) throws Exception {
    on(() -> {
      feed.unwatch(eventId, viewer);
      return Future.succeededFuture();
    });
  }

  private void unwatchQuietly(String eventId, SeatMapFeed.Viewer viewer) {
    try {
      unwatch(eventId, viewer);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
