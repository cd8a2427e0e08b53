package io.holdfast.payment.reconcile;

import io.holdfast.support.config.Setting;
import io.holdfast.support.db.Database;
import io.holdfast.support.jobs.Periodic;
import io.holdfast.support.metrics.Meters;
import io.holdfast.support.payment.StripeGateway;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@link Reconciler} every {@link #INTERVAL_MILLIS}, on every node: claims are
 * {@code FOR UPDATE SKIP LOCKED}, so nodes share the work and never look at one payment
 * together. The first run comes soon after start (a node that was down has the most to
 * finish); a run starts only when the one before ended.
 *
 * <p>Configuration: {@code pg.url}, Stripe's keys, {@link #INTERVAL_MILLIS},
 * {@link Reconciler#GRACE_SECONDS}, {@link Reconciler#BATCH}.
 */
public final class ReconcilerVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(ReconcilerVerticle.class);

  private static final long FIRST_RUN_MILLIS = 5_000;
  public static final Setting INTERVAL_MILLIS = Setting.number(
      "HOLDFAST_RECONCILE_INTERVAL_MILLIS", "reconcile.intervalMillis", 60_000, "how often "
      + "each node reconciles payments whose outcome never arrived (missed webhooks, intents "
      + "unpaid past their hold), ms; the first run comes " + FIRST_RUN_MILLIS / 1000
      + " s after start; 0 turns it off on this node");

  private Pool pool;
  private Periodic runs;
  private Reconciler reconciler;

  @Override
  public Future<?> start() {
    long interval = INTERVAL_MILLIS.integer(config());
    if (interval <= 0) {
      LOG.info("Reconciliation is off on this node ({} = 0)", INTERVAL_MILLIS.key());
      return Future.succeededFuture();
    }
    pool = Database.pool(vertx, config());
    reconciler = new Reconciler(pool, StripeGateway.of(vertx, config()), config(),
        Meters.of(vertx));
    runs = Periodic.start(vertx, "Reconciliation", Math.min(interval, FIRST_RUN_MILLIS),
        interval, reconciler::run);
    LOG.info("Reconciling payments every {} ms", interval);
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    if (reconciler != null) {
      reconciler.close();
    }
    // Let a run in hand finish its writes; do not wait forever.
    return (runs == null ? Future.succeededFuture() : runs.stop())
        .transform(ar -> pool == null ? Future.succeededFuture() : pool.close());
  }
}
