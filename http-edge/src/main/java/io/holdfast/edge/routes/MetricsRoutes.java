package io.holdfast.edge.routes;

import io.holdfast.support.metrics.Metrics;
import io.vertx.ext.web.Router;

/**
 * {@code GET /metrics}: this JVM's counters in Prometheus' text format, for a scraper on the
 * operators' network. Like the probes it is never rate-limited and needs no token (it shows
 * counts, never data of anyone); each node reports its own counts.
 */
public final class MetricsRoutes {
  public static final String PATH = "/metrics";

  public void mount(Router router) {
    router.get(PATH).handler(ctx -> ctx.response()
        .putHeader("Content-Type", Metrics.CONTENT_TYPE)
        .putHeader("Cache-Control", "no-store")
        .end(Metrics.scrape()));
  }
}
