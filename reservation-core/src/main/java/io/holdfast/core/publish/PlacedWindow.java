package io.holdfast.core.publish;

import io.holdfast.contracts.Topics;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.holdfast.support.kafka.EventPublisher;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the expiry-worker about placed holds, one Kafka record per event per window instead of
 * one per batch: a drop's holds cost the broker and the worker a few records a second, not
 * thousands. A record carries the latest expiry of its holds, so the worker frees some of them
 * up to a window late; the core treats a lapsed hold as free anyway. Used from one event loop.
 */
public final class PlacedWindow {
  private static final Logger LOG = LoggerFactory.getLogger(PlacedWindow.class);
  /** A window closes after this long, or sooner when it holds {@link #MAX_IDS} holds. */
  public static final long WINDOW_MILLIS = 100;
  static final int MAX_IDS = 2000;

  private final Vertx vertx;
  private final EventPublisher producer;
  private final Map<String, Window> open = new HashMap<>();
  private long timer = -1;
  private long unpublished;
  private long quietUntil;

  public PlacedWindow(Vertx vertx, EventPublisher producer) {
    this.vertx = vertx;
    this.producer = producer;
  }

  static final class Window {
    final List<String> holdIds = new ArrayList<>();
    long expiresAt;
  }

  public void placed(String eventId, long expiresAt, List<String> holdIds) {
    Window w = open.computeIfAbsent(eventId, k -> new Window());
    w.holdIds.addAll(holdIds);
    w.expiresAt = Math.max(w.expiresAt, expiresAt);
    if (w.holdIds.size() >= MAX_IDS) {
      open.remove(eventId);
      publish(eventId, w);
    } else if (timer < 0) {
      timer = vertx.setTimer(WINDOW_MILLIS, id -> {
        timer = -1;
        flush();
      });
    }
  }

  /** Publishes every open window now (also on stop). */
  public Future<Void> flush() {
    List<Future<Void>> sent = new ArrayList<>();
    open.forEach((eventId, w) -> sent.add(publish(eventId, w)));
    open.clear();
    return Future.join(sent).mapEmpty();
  }

  /**
   * {@code {"type":"holds.placed","eventId":…,"expiresAt":…,"holdIds":[…]}}, written directly:
   * a window carries up to two thousand IDs, and building a JSON array of them to encode it
   * cost more than the rest of the publish. Hold IDs are UUIDs; the event ID is escaped.
   */
  static String encode(String eventId, Window w) {
    StringBuilder json = new StringBuilder(96 + 39 * w.holdIds.size());
    json.append("{\"type\":\"holds.placed\",\"eventId\":\"");
    JsonStringEncoder.getInstance().quoteAsString(eventId, json);
    json.append("\",\"expiresAt\":").append(w.expiresAt).append(",\"holdIds\":[");
    for (int i = 0; i < w.holdIds.size(); i++) {
      json.append(i == 0 ? "\"" : ",\"").append(w.holdIds.get(i)).append('"');
    }
    return json.append("]}").toString();
  }

  /**
   * A failed publish does not undo the holds: the core frees a lapsed hold by itself; the
   * worker only makes it visible sooner.
   */
  private Future<Void> publish(String eventId, Window w) {
    return producer.send(Topics.HOLDS, eventId, encode(eventId, w)).recover(t -> {
      unpublished += w.holdIds.size();
      long now = System.currentTimeMillis();
      if (now >= quietUntil) {
        // One line per interval, however many windows fail while Kafka is away.
        LOG.warn("Could not publish holds to Kafka ({} holds since the last report, latest of "
            + "event {}); they lapse on their own", unpublished, eventId, t);
        unpublished = 0;
        quietUntil = now + 10_000;
      }
      return Future.succeededFuture();
    });
  }
}
