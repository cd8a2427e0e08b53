package io.holdfast.edge.routes;

import io.holdfast.support.metrics.Meters;
import io.vertx.ext.web.Router;

/**
 * {@code GET /metrics}: this process's meters in Prometheus' text format, for a scraper on the
 * operators' network (every series: docs/metrics.md). Like the probes it is never rate-limited
 * and needs no token (it shows counts, never data of anyone). The text is written on a worker
 * thread: reading the JVM's figures is no work for an event loop.
 */
public final class MetricsRoutes {
  public static final String PATH = "/metrics";
  private final Meters meters;

  public MetricsRoutes(Meters meters) {
    this.meters = meters;
  }

  public void mount(Router router) {
    router.get(PATH).handler(ctx -> ctx.vertx().executeBlocking(meters::scrape, false)
        .onComplete(ar -> {
          if (ar.failed()) {
            ctx.fail(ar.cause());
            return;
          }
          ctx.response().putHeader("Content-Type", Meters.CONTENT_TYPE)
              .putHeader("Cache-Control", "no-store").end(ar.result());
        }));
  }
}
