package io.holdfast.edge.seatmap;

import io.holdfast.contracts.Addresses;
import io.holdfast.contracts.problem.BusProblems;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

  private final Vertx vertx;
  private final Context context;
  private final long intervalMillis;
  private final DeliveryOptions delivery;
  private final Map<String, EventFeed> events = new HashMap<>();

  public SeatMapFeed(Vertx vertx, long intervalMillis) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
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
      reading = BusProblems.unwrapped(vertx.eventBus().<JsonObject>request(
              Addresses.AVAILABILITY, new JsonObject().put("eventId", eventId), delivery)
          .map(Message::body));
      Future<JsonObject> pending = reading;
      pending.onComplete(done -> {
        reading = null;
        if (done.succeeded()) {
          last = done.result();
          lastFrame = null;
          readAt = started;
          publish(started);
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
        if (viewers.isEmpty()) {
          vertx.cancelTimer(id);
          timer = -1;
          events.remove(eventId);
          return;
        }
        keepAlive(System.currentTimeMillis());
        read().onFailure(t -> LOG.debug("Seat map of event {} not read: {}", eventId,
            t.toString()));
      });
    }
  }
}
