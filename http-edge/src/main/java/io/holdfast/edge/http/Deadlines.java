package io.holdfast.edge.http;

import io.holdfast.contracts.problem.Problem;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Answers a request not answered within its deadline with a 503 to retry (whatever it waits
 * for may still finish; an idempotent retry then gets its answer). One verticle's requests in
 * flight sit in arrival order, and a sweep every tenth of the deadline answers the overdue
 * ones from the oldest: a request costs an insertion and a removal, not a timer of its own.
 * Seat-map streams are meant to stay open and are left alone.
 */
public final class Deadlines implements Handler<RoutingContext> {
  private final long millis;
  private final Map<RoutingContext, Long> inFlight = new LinkedHashMap<>();

  public Deadlines(Vertx vertx, long millis) {
    this.millis = millis;
    vertx.setPeriodic(Math.max(10, millis / 10), id -> sweep(System.currentTimeMillis()));
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (ctx.request().path().endsWith("/stream")) {
      ctx.next();
      return;
    }
    inFlight.put(ctx, System.currentTimeMillis());
    ctx.addEndHandler(v -> inFlight.remove(ctx));
    ctx.next();
  }

  private void sweep(long now) {
    Iterator<Map.Entry<RoutingContext, Long>> oldest = inFlight.entrySet().iterator();
    while (oldest.hasNext()) {
      Map.Entry<RoutingContext, Long> entry = oldest.next();
      if (entry.getValue() + millis > now) {
        return;
      }
      oldest.remove();
      Responses.problem(entry.getKey(), Problem.of(503, "timeout", "Request timed out",
              "The request took longer than " + millis + " ms; it is safe to retry")
          .with("retryAfterSeconds", 1));
    }
  }
}
