package io.holdfast.edge.seatmap;

import io.holdfast.contracts.core.Availability;
import io.holdfast.contracts.core.AvailabilityRequest;
import io.holdfast.contracts.core.CoreBus;
import io.holdfast.support.metrics.Meters;
import io.holdfast.contracts.problem.Problem;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live seat maps this edge verticle serves. Per event one reader asks the core for the
 * availability every {@code intervalMillis} while anyone watches, and hands each change to every
 * viewer: thousands of viewers of a drop cost the grid one read per interval per edge verticle,
 * not one per viewer. Each frame is encoded once and written to the viewers a slice per
 * event-loop turn. Readers of {@code GET availability} share the same snapshot. Made in its
 * verticle's start and used only from its event loop.
 */
public final class SeatMapFeed {
  private static final Logger LOG = LoggerFactory.getLogger(SeatMapFeed.class);

  /** Viewers written to per event-loop turn. */
  static final int SLICE = 250;
  /** A viewer that heard nothing for this long gets a comment line, so proxies keep it open. */
  static final long KEEP_ALIVE_MILLIS = 15_000;
  /** When a viewer turned away for the bounds is told to come back. */
  private static final int RETRY_AFTER_SECONDS = 5;

  private final Vertx vertx;
  private final Context context;
  private final long intervalMillis;
  private final int maxFeeds;
  private final int maxViewers;
  private final DeliveryOptions delivery;
  private final Map<String, EventFeed> events = new HashMap<>();
  /**
   * Viewers of every feed, those waiting for their first map included. Written on this
   * verticle's loop; the scraper reads it ({@code holdfast_seat_map_viewers}, summed over the
   * process's edge verticles).
   */
  private volatile int viewerCount;

  /**
   * At most {@code maxFeeds} events are kept (watched, or read for snapshots) and
   * {@code maxViewers} viewers served at once; past either a new viewer gets a 503.
   */
  public SeatMapFeed(Vertx vertx, long intervalMillis, int maxFeeds, int maxViewers) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.intervalMillis = intervalMillis;
    this.maxFeeds = maxFeeds;
    this.maxViewers = maxViewers;
    this.delivery = new DeliveryOptions().setSendTimeout(Math.max(2000, intervalMillis * 4));
    Meters.of(vertx).sum("holdfast_seat_map_viewers", "Live seat-map streams (SSE) this "
        + "process serves, viewers waiting for their first map included", () -> viewerCount);
  }

  /**
   * The event's availability, at most {@code maxAgeMillis} old: a fresh read only when the last
   * one is older (many readers of one event share a read).
   */
  public Future<JsonObject> snapshot(String eventId, long maxAgeMillis) {
    EventFeed feed = events.get(eventId);
    if (feed == null) {
      // Nobody watches it: read without keeping a feed for it, or keep one for a moment.
      feed = new EventFeed(eventId);
      if (maxAgeMillis > 0 && events.size() < maxFeeds) {
        events.put(eventId, feed);
        scheduleForget(feed, maxAgeMillis);
      }
    }
    return feed.current(maxAgeMillis);
  }

  /** Drops a feed kept only for snapshots once its snapshot is stale and nobody watches. */
  private void scheduleForget(EventFeed feed, long afterMillis) {
    vertx.setTimer(Math.max(afterMillis, 1000), id -> dropIfIdle(feed));
  }

  /**
   * Adds a viewer; it gets the whole map first, then every change. Fails with the core's 404
   * for an event it does not have, and with a 503 past the bounds, keeping nothing either way.
   * A viewer that {@link #unwatch leaves} before the first map arrived is never added.
   */
  public Future<Void> watch(String eventId, Viewer viewer) {
    EventFeed existing = events.get(eventId);
    if (viewerCount >= maxViewers || existing == null && events.size() >= maxFeeds) {
      return Future.failedFuture(Problem.of(503, "streams-busy", "Try again",
              "This server streams as many seat maps as it may; try again in a moment")
          .with("retryAfterSeconds", RETRY_AFTER_SECONDS).toException());
    }
    EventFeed feed = existing != null ? existing : new EventFeed(eventId);
    events.put(eventId, feed);
    feed.joining.add(viewer);
    viewerCount++;
    return feed.current(intervalMillis).transform(read -> {
      if (!feed.joining.remove(viewer)) {
        // It left while the map was read: unwatch counted it out already.
        return Future.succeededFuture();
      }
      if (read.failed()) {
        viewerCount--;
        dropIfIdle(feed);
        return Future.failedFuture(read.cause());
      }
      viewer.send(feed.fullFrame(), true);
      feed.viewers.put(viewer, Boolean.TRUE);
      feed.start();
      return Future.succeededFuture();
    });
  }

  /** Removes a viewer, watching or still waiting for its first map; its feed goes with the last. */
  public void unwatch(String eventId, Viewer viewer) {
    EventFeed feed = events.get(eventId);
    if (feed != null && (feed.viewers.remove(viewer) != null || feed.joining.remove(viewer))) {
      viewerCount--;
      dropIfIdle(feed);
    }
  }

  /** Forgets a feed nobody watches or waits for: its timer stops and its map goes. */
  private void dropIfIdle(EventFeed feed) {
    if (feed.viewers.isEmpty() && feed.joining.isEmpty() && events.get(feed.eventId) == feed) {
      events.remove(feed.eventId);
      if (feed.timer >= 0) {
        vertx.cancelTimer(feed.timer);
        feed.timer = -1;
      }
    }
  }

  /** Whether anyone here watches the event (so the core knows it). */
  public boolean watched(String eventId) {
    EventFeed feed = events.get(eventId);
    return feed != null && !feed.viewers.isEmpty();
  }

  /** How many events have a feed (for tests). */
  int feeds() {
    return events.size();
  }

  /** How many viewers are served or waiting for their first map (for tests). */
  int viewers() {
    return viewerCount;
  }

  /** The whole map of a watched event as one SSE frame, for a viewer catching up. */
  public Buffer fullFrame(String eventId) {
    EventFeed feed = events.get(eventId);
    return feed == null ? null : feed.fullFrame();
  }

  /** One SSE frame: {@code event: name}, {@code data: json}, encoded once for every viewer. */
  static Buffer frame(String event, JsonObject data) {
    return Buffer.buffer("event: " + event + "\ndata: " + data.encode() + "\n\n");
  }

  /** One connection watching an event. */
  public interface Viewer {
    /** A frame to write: the whole map ({@code full}) or the changes since the last one. */
    void send(Buffer frame, boolean full);

    /** Called now and then: a viewer sent nothing for a while writes a keep-alive comment. */
    void keepAlive(long now);
  }

  private final class EventFeed {
    private final String eventId;
    private final Map<Viewer, Boolean> viewers = new java.util.LinkedHashMap<>();
    /** Viewers waiting for the first map they are to be sent. */
    private final Set<Viewer> joining = new HashSet<>();
    private JsonObject last;
    private Buffer lastFrame;
    private long readAt;
    private Future<JsonObject> reading;
    private long timer = -1;
    /** The map the viewers were last sent changes against, and when. */
    private JsonObject sent;
    private long sentAt;
    private long keptAliveAt = System.currentTimeMillis();
    /** Frames waiting to go out, and whether a fan-out is under way. */
    private final ArrayDeque<Buffer> outbox = new ArrayDeque<>();
    private boolean fanningOut;

    EventFeed(String eventId) {
      this.eventId = eventId;
    }

    Buffer fullFrame() {
      if (lastFrame == null && last != null) {
        lastFrame = frame("availability", last);
      }
      return lastFrame;
    }

    Future<JsonObject> current(long maxAgeMillis) {
      long now = System.currentTimeMillis();
      if (last != null && now - readAt < maxAgeMillis) {
        return Future.succeededFuture(last);
      }
      return read();
    }

    private Future<JsonObject> read() {
      if (reading != null) {
        return reading;
      }
      long started = System.currentTimeMillis();
      reading = CoreBus.request(vertx, AvailabilityRequest.of(eventId), delivery)
          .map(Availability::toJson);
      Future<JsonObject> pending = reading;
      pending.onComplete(done -> {
        reading = null;
        if (done.succeeded()) {
          last = done.result();
          lastFrame = null;
          readAt = started;
          publish(started);
        } else if (last == null) {
          // Never read (an event the core does not have): nothing worth keeping.
          dropIfIdle(this);
        }
      });
      return pending;
    }

    /**
     * Sends the viewers what changed since they were last sent anything. Seat changes go out
     * at once; changes of counts alone go out every other read (with the default 400 ms, within
     * 0.8 s), so a general-admission drop costs each viewer half the frames.
     */
    private void publish(long now) {
      if (sent == null || viewers.isEmpty()) {
        sent = last;
        sentAt = now;
        return;
      }
      JsonObject changes = SeatMapDiff.between(sent, last);
      if (changes == null || (!SeatMapDiff.hasSeats(changes)
          && now - sentAt < intervalMillis * 3 / 2)) {
        return;
      }
      sent = last;
      sentAt = now;
      outbox.add(frame("changes", changes));
      fanOut();
    }

    /**
     * Writes the next frame to every viewer, {@link #SLICE} viewers per event-loop turn: the
     * holds this event loop also serves wait for one slice, not for thousands of writes.
     */
    private void fanOut() {
      if (fanningOut || outbox.isEmpty()) {
        return;
      }
      fanningOut = true;
      Buffer frame = outbox.poll();
      List<Viewer> targets = new ArrayList<>(viewers.keySet());
      slice(frame, targets, 0);
    }

    private void slice(Buffer frame, List<Viewer> targets, int from) {
      int to = Math.min(targets.size(), from + SLICE);
      for (int i = from; i < to; i++) {
        targets.get(i).send(frame, false);
      }
      if (to < targets.size()) {
        context.runOnContext(ignored -> slice(frame, targets, to));
      } else {
        fanningOut = false;
        fanOut();
      }
    }

    private void keepAlive(long now) {
      if (now - keptAliveAt < KEEP_ALIVE_MILLIS) {
        return;
      }
      keptAliveAt = now;
      List<Viewer> targets = new ArrayList<>(viewers.keySet());
      for (int from = 0; from < targets.size(); from += SLICE) {
        int start = from;
        context.runOnContext(ignored -> {
          for (int i = start; i < Math.min(targets.size(), start + SLICE); i++) {
            targets.get(i).keepAlive(now);
          }
        });
      }
    }

    void start() {
      if (timer >= 0) {
        return;
      }
      timer = vertx.setPeriodic(intervalMillis, id -> {
        keepAlive(System.currentTimeMillis());
        read().onFailure(t -> LOG.debug("Seat map of event {} not read: {}", eventId,
            t.toString()));
      });
    }
  }
}
