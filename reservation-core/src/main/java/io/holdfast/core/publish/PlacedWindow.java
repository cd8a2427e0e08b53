package io.holdfast.core.publish;

import io.holdfast.support.log.QuietWarning;
import io.holdfast.contracts.topic.HoldsTopic;
import io.holdfast.contracts.Topics;
import io.holdfast.support.kafka.EventPublisher;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the expiry-worker about placed holds, one Kafka record per event per window instead of
 * one per batch: a drop's holds cost the broker and the worker a few records a second, not
 * thousands. A record carries the latest expiry of its holds, so the worker frees some of them
 * up to a window late; the core treats a lapsed hold as free anyway. A record's header names
 * the request behind each of its holds ({@link HoldsTopic#requestIds}), so the worker logs with
 * it. Used from one event loop.
 */
public final class PlacedWindow {
  private static final Logger LOG = LoggerFactory.getLogger(PlacedWindow.class);
  /** A window closes after this long, or sooner when it holds {@link #MAX_IDS} holds. */
  public static final long WINDOW_MILLIS = 100;
  static final int MAX_IDS = 2000;
  /**
   * Hold IDs kept for a later try while Kafka is away (about 40 bytes each, and some 30 more
   * for the ID of the request behind each, in the record's header); past it the oldest
   * windows are dropped, and their holds are freed only when a shard runs short.
   */
  static final int MAX_UNSENT_IDS = 200_000;
  /** How often windows that could not be sent are tried again. */
  static final long RETRY_MILLIS = 1000;

  private final Vertx vertx;
  private final EventPublisher producer;
  private final Map<String, Window> open = new HashMap<>();
  private long timer = -1;
  private final QuietWarning refused = new QuietWarning(LOG, "Could not publish holds to Kafka");
  /** Windows Kafka refused, oldest first, to send again once it is back. */
  private final ArrayDeque<Unsent> unsent = new ArrayDeque<>();
  private int unsentIds;
  private long retryTimer = -1;
  private boolean retrying;

  public PlacedWindow(Vertx vertx, EventPublisher producer) {
    this.vertx = vertx;
    this.producer = producer;
  }

  static final class Window {
    final List<String> holdIds = new ArrayList<>();
    /** The request behind each hold, in the same order (null: none given). */
    final List<String> requestIds = new ArrayList<>();
    long expiresAt;
  }

  /** {@code requestIds}: the ID of the request behind each hold, in the order of the holds. */
  public void placed(String eventId, long expiresAt, List<String> holdIds,
      List<String> requestIds) {
    Window w = open.computeIfAbsent(eventId, k -> new Window());
    w.holdIds.addAll(holdIds);
    w.requestIds.addAll(requestIds);
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
   * A failed publish does not undo the holds, and the window is kept to be sent again: without
   * it the expiry-worker would never hear of these holds, and they would count as held until a
   * shard ran short and swept them.
   */
  private Future<Void> publish(String eventId, Window w) {
    String record = HoldsTopic.encode(eventId, w.expiresAt, w.holdIds);
    Header requests = HoldsTopic.requestIds(w.requestIds);
    return producer.send(Topics.HOLDS, eventId, record, requests).recover(t -> {
      keep(new Unsent(eventId, record, requests, w.holdIds.size()), t);
      return Future.succeededFuture();
    });
  }

  /** A window's record that Kafka refused, its header, and how many hold IDs it carries. */
  private record Unsent(String eventId, String record, Header requests, int ids) {}

  private void keep(Unsent window, Throwable cause) {
    unsent.addLast(window);
    unsentIds += window.ids();
    while (unsentIds > MAX_UNSENT_IDS && unsent.size() > 1) {
      unsentIds -= unsent.removeFirst().ids();
    }
    // One line per interval, however many windows fail while Kafka is away.
    refused.warn(cause, () -> "Could not publish holds to Kafka (latest of event "
        + window.eventId() + "); " + unsentIds + " hold IDs kept to send again");
    if (retryTimer < 0) {
      retryTimer = vertx.setTimer(RETRY_MILLIS, id -> {
        retryTimer = -1;
        retry();
      });
    }
  }

  /** Sends the kept windows oldest first; stops at the first refusal and waits again. */
  private void retry() {
    if (retrying || unsent.isEmpty()) {
      return;
    }
    retrying = true;
    Unsent next = unsent.removeFirst();
    unsentIds -= next.ids();
    producer.send(Topics.HOLDS, next.eventId(), next.record(), next.requests())
        .onComplete(ar -> {
          retrying = false;
          if (ar.succeeded()) {
            retry();
          } else {
            keep(next, ar.cause());
          }
        });
  }

  /** Hold IDs waiting to be sent again (for tests). */
  int unsentIds() {
    return unsentIds;
  }
}
