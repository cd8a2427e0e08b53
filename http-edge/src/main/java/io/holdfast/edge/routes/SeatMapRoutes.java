package io.holdfast.edge.routes;

import io.holdfast.contracts.problem.Problems;
import io.holdfast.edge.http.Paging;
import io.holdfast.edge.http.Reply;
import io.holdfast.edge.http.Responses;
import io.holdfast.edge.seatmap.SeatMapFeed;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;
import java.util.function.Supplier;

import static io.holdfast.edge.http.Responses.handle;

/**
 * The live seat map: {@code GET availability} (a snapshot shared by readers for a moment) and
 * {@code GET stream}, Server-Sent Events: first {@code event: availability} with the whole map,
 * then {@code event: changes} with what changed, and a comment line when a viewer heard nothing
 * for 15 s, to keep idle connections open through proxies.
 */
public final class SeatMapRoutes {
  private final Edge edge;
  private final SeatMapFeed feed;
  private final long snapshotMillis;

  /** {@code snapshotMillis}: how old an availability answer may be (0: always fresh). */
  public SeatMapRoutes(Edge edge, SeatMapFeed feed, long snapshotMillis) {
    this.edge = edge;
    this.feed = feed;
    this.snapshotMillis = snapshotMillis;
  }

  public void mount(Router router) {
    router.get("/v1/events/:eventId/availability").handler(handle(this::availability));
    router.get("/v1/events/:eventId/stream").handler(this::stream);
  }

  private io.vertx.core.Future<Reply> availability(RoutingContext ctx) {
    UUID id = Paging.uuid(ctx, "eventId", "Event");
    return feed.snapshot(id.toString(), snapshotMillis).map(Reply::ok);
  }

  /**
   * Opens a stream. An event nobody here watches yet is looked up first: one that does not
   * exist or is not public is a 404 and creates nothing (a feed is made only for an event the
   * core knows, and goes with its last viewer). Watched events skip the look-up: their first
   * viewer made it.
   */
  private void stream(RoutingContext ctx) {
    UUID id;
    try {
      id = Paging.uuid(ctx, "eventId", "Event");
    } catch (RuntimeException e) {
      Responses.fail(ctx, e);
      return;
    }
    String eventId = id.toString();
    (feed.watched(eventId) ? Future.<Void>succeededFuture()
        : edge.events().status(id).compose(status -> status != null
            && status.listed() ? Future.<Void>succeededFuture()
            : Future.failedFuture(Problems.notFound("Event " + eventId).toException())))
        .onFailure(t -> Responses.fail(ctx, t))
        .onSuccess(visible -> watch(ctx, eventId));
  }

  private void watch(RoutingContext ctx, String eventId) {
    HttpServerResponse response = ctx.response();
    if (response.closed()) {
      return;
    }
    SeatMapFeed.Viewer viewer = new SseViewer(response, () -> feed.fullFrame(eventId));
    response.closeHandler(closed -> feed.unwatch(eventId, viewer));
    feed.watch(eventId, viewer).onFailure(t -> Responses.fail(ctx, t));
  }

  /**
   * Writes frames to one connection. A viewer whose connection cannot take more skips changes
   * (dropping one would leave its map wrong) and gets the whole map again once it drains.
   */
  private static final class SseViewer implements SeatMapFeed.Viewer {
    private static final long KEEP_ALIVE_MILLIS = 15_000;
    private static final Buffer KEEP_ALIVE = Buffer.buffer(": keep-alive\n\n");
    private final HttpServerResponse response;
    private final Supplier<Buffer> wholeMap;
    private boolean started;
    private boolean behind;
    private long wroteAt = System.currentTimeMillis();

    SseViewer(HttpServerResponse response, Supplier<Buffer> wholeMap) {
      this.response = response;
      this.wholeMap = wholeMap;
    }

    @Override
    public void send(Buffer frame, boolean full) {
      if (response.closed() || response.ended()) {
        return;
      }
      if (!started) {
        started = true;
        response.setChunked(true).putHeader("Content-Type", "text/event-stream")
            .putHeader("Cache-Control", "no-store").putHeader("X-Accel-Buffering", "no");
      } else if (behind) {
        return;
      } else if (response.writeQueueFull()) {
        behind = true;
        response.drainHandler(drained -> {
          behind = false;
          Buffer map = wholeMap.get();
          if (map != null) {
            send(map, true);
          }
        });
        return;
      }
      response.write(frame);
      wroteAt = System.currentTimeMillis();
    }

    @Override
    public void keepAlive(long now) {
      if (started && !behind && now - wroteAt >= KEEP_ALIVE_MILLIS && !response.closed()
          && !response.ended()) {
        response.write(KEEP_ALIVE);
        wroteAt = now;
      }
    }
  }
}
