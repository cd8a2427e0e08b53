package io.holdfast.payment.reconcile;

import io.holdfast.ledger.ticket.SoldCounts;
import io.holdfast.support.config.Setting;
import io.holdfast.support.db.Database;
import io.holdfast.support.jobs.Periodic;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@link InventoryAudit} every {@link #INTERVAL_MILLIS} on a worker: the check behind
 * {@code holdfast_inventory_invariant_violations}, which an alert watches. The first run comes
 * a minute after start, when a cold grid has been rebuilt.
 */
public final class InventoryAuditVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(InventoryAuditVerticle.class);
  private static final long FIRST_RUN_MILLIS = 60_000;
  public static final Setting INTERVAL_MILLIS = Setting.number(
      "HOLDFAST_INVENTORY_AUDIT_INTERVAL_MILLIS", "audit.intervalMillis", 60_000, "how often a "
      + "worker checks that every event on sale adds up (held + sold + available = capacity in "
      + "the grid, sold = live tickets in PostgreSQL), ms; 0 turns it off on this node "
      + "(docs/metrics.md)");

  private Pool pool;
  private InventoryAudit audit;
  private Periodic runs;

  @Override
  public Future<?> start() {
    long interval = INTERVAL_MILLIS.integer(config());
    if (interval <= 0) {
      LOG.info("The inventory audit is off on this node ({} = 0)", INTERVAL_MILLIS.key());
      return Future.succeededFuture();
    }
    pool = Database.pool(vertx, config());
    audit = new InventoryAudit(vertx, new SoldCounts(pool));
    runs = Periodic.start(vertx, "The inventory audit", Math.min(interval, FIRST_RUN_MILLIS),
        interval, audit::run);
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    if (audit != null) {
      audit.close();
    }
    return (runs == null ? Future.succeededFuture() : runs.stop())
        .transform(ar -> pool == null ? Future.succeededFuture() : pool.close());
  }
}
