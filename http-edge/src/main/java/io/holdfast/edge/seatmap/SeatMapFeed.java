package io.holdfast.edge.seatmap;

import io.holdfast.contracts.Addresses;
import io.holdfast.contracts.problem.BusProblems;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live seat maps this edge verticle serves. Per event one reader asks the core for the
 * availability every {@code intervalMillis} while anyone watches, and hands each change to every
 * viewer: thousands of viewers of a drop cost the grid one read per interval per edge verticle,
 * not one per viewer. Readers of {@code GET availability} share the same snapshot. Used only
 * from its verticle's event loop.
 */
public final class SeatMapFeed {
  private static final Logger LOG = LoggerFactory.getLogger(SeatMapFeed.class);

  private final Vertx vertx;
  private final long intervalMillis;
  private final DeliveryOptions delivery;
  private final Map<String, EventFeed> events = new HashMap<>();

  public SeatMapFeed(Vertx vertx, long intervalMillis) {
    this.vertx = vertx;
    this.intervalMillis = intervalMillis;
    this.delivery = new DeliveryOptions().setSendTimeout(Math.max(2000, intervalMillis * 4));
  }

  /**
   * The event's availability, at most {@code maxAgeMillis} old: a fresh read only when the last
   * one is older (many readers of one event share a read).
   */
  public Future<JsonObject> snapshot(String eventId, long maxAgeMillis) {
    EventFeed feed = events.get(eventId);
    if (feed == null) {
      // Nobody watches it: read without keeping a feed for it.
      feed = new EventFeed(eventId);
      if (maxAgeMillis > 0 && events.size() < 10_000) {
        events.put(eventId, feed);
        scheduleForget(eventId, feed, maxAgeMillis);
      }
    }
    return feed.current(maxAgeMillis);
  }

  /** Drops a feed kept only for snapshots once its snapshot is stale and nobody watches. */
  private void scheduleForget(String eventId, EventFeed feed, long afterMillis) {
    vertx.setTimer(Math.max(afterMillis, 1000), id -> {
      if (feed.viewers.isEmpty() && feed.timer < 0 && events.get(eventId) == feed) {
        events.remove(eventId);
      }
    });
  }

  /** Adds a viewer; it gets the whole map first, then every change. */
  public Future<Void> watch(String eventId, Viewer viewer) {
    EventFeed feed = events.computeIfAbsent(eventId, EventFeed::new);
    return feed.current(intervalMillis).map(snapshot -> {
      viewer.send(feed.fullFrame(), true);
      feed.viewers.put(viewer, Boolean.TRUE);
      feed.start();
      return null;
    });
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

  public void unwatch(String eventId, Viewer viewer) {
    EventFeed feed = events.get(eventId);
    if (feed != null) {
      feed.viewers.remove(viewer);
    }
  }

  public int viewers() {
    return events.values().stream().mapToInt(f -> f.viewers.size()).sum();
  }

  /** One connection watching an event. */
  public interface Viewer {
    /** A frame to write: the whole map ({@code full}) or the changes since the last one. */
    void send(Buffer frame, boolean full);
  }

  private final class EventFeed {
    private final String eventId;
    private final Map<Viewer, Boolean> viewers = new java.util.LinkedHashMap<>();
    private JsonObject last;
    private Buffer lastFrame;
    private long readAt;
    private Future<JsonObject> reading;
    private long timer = -1;

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
      reading = BusProblems.unwrapped(vertx.eventBus().<JsonObject>request(
              Addresses.AVAILABILITY, new JsonObject().put("eventId", eventId), delivery)
          .map(Message::body));
      Future<JsonObject> pending = reading;
      pending.onComplete(done -> {
        reading = null;
        if (done.succeeded()) {
          JsonObject before = last;
          last = done.result();
          lastFrame = null;
          readAt = started;
          if (before != null && !viewers.isEmpty()) {
            JsonObject changes = SeatMapDiff.between(before, last);
            if (changes != null) {
              Buffer frame = frame("changes", changes);
              viewers.keySet().forEach(v -> v.send(frame, false));
            }
          }
        }
      });
      return pending;
    }

    void start() {
      if (timer >= 0) {
        return;
      }
      timer = vertx.setPeriodic(intervalMillis, id -> {
        if (viewers.isEmpty()) {
          vertx.cancelTimer(id);
          timer = -1;
          events.remove(eventId);
          return;
        }
        read().onFailure(t -> LOG.debug("Seat map of event {} not read: {}", eventId,
            t.toString()));
      });
    }
  }
}
