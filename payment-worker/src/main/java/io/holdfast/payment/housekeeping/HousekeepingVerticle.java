package io.holdfast.payment.housekeeping;

import io.holdfast.support.config.Settings;
import io.holdfast.support.db.Database;
import io.holdfast.support.jobs.Periodic;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Pool;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes what PostgreSQL keeps only for a while, every {@link #INTERVAL_MILLIS} on every node:
 * a bounded batch of each kind per run, oldest first, through an index, so a run is short and
 * two nodes running at once only find less to delete. A kind with more than a batch waiting
 * is caught up over the following runs.
 *
 * <p>Configuration: {@code pg.url}, {@link #INTERVAL_MILLIS}.
 */
public final class HousekeepingVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(HousekeepingVerticle.class);

  /** Pause between runs (ms); 0 turns housekeeping off on this node. */
  public static final String INTERVAL_MILLIS = "housekeeping.intervalMillis";
  /** Rows of one kind deleted per run at most. */
  static final int BATCH = 1000;

  /** One kind of row to delete: what it is (for the log) and the statement that deletes it. */
  record Chore(String what, String delete) {}

  static final List<Chore> CHORES = List.of(
      // Sent a day ago: kept that long for inspection.
      new Chore("sent outbox rows", "delete from outbox where id in (select id from outbox "
          + "where sent_at < now() - interval '1 day' order by sent_at limit " + BATCH + ")"),
      // A signature older than a day is far past any timestamp tolerance: stripe-java refuses
      // its request as stale before the replay check would be needed.
      new Chore("webhook signatures", "delete from webhook_signatures where signature in "
          + "(select signature from webhook_signatures where received_at < now() - "
          + "interval '1 day' order by received_at limit " + BATCH + ")"),
      // Sessions whose every token expired a day ago: whole families, since a family's
      // tokens point at their parents, and a spent token of a live family must stay to catch
      // its reuse.
      new Chore("expired sessions", "delete from refresh_tokens where family_id in "
          + "(select r.family_id from refresh_tokens r where r.expires_at < now() - "
          + "interval '1 day' and not exists (select 1 from refresh_tokens n "
          + "where n.family_id = r.family_id and n.expires_at >= now() - interval '1 day') "
          + "order by r.expires_at limit " + BATCH + ")"));

  private Pool pool;
  private Periodic runs;

  @Override
  public Future<?> start() {
    long interval = Settings.integer(config(), INTERVAL_MILLIS, 60_000);
    if (interval <= 0) {
      LOG.info("Housekeeping is off on this node ({} = 0)", INTERVAL_MILLIS);
      return Future.succeededFuture();
    }
    pool = Database.pool(vertx, config());
    runs = Periodic.start(vertx, "Housekeeping", interval, interval, () -> run(pool));
    return Future.succeededFuture();
  }

  /**
   * One run: each chore in turn; answers how many rows each deleted. A chore that fails is
   * logged and the others still run.
   */
  public static Future<Map<String, Integer>> run(Pool pool) {
    Map<String, Integer> deleted = new LinkedHashMap<>();
    Future<Void> chain = Future.succeededFuture();
    for (Chore chore : CHORES) {
      chain = chain.compose(v -> pool.query(chore.delete()).execute()
          .<Void>map(rows -> {
            deleted.put(chore.what(), rows.rowCount());
            if (rows.rowCount() > 0) {
              LOG.info("Housekeeping deleted {} {}", rows.rowCount(), chore.what());
            }
            return null;
          })
          .recover(t -> {
            LOG.warn("Housekeeping could not delete {}", chore.what(), t);
            return Future.succeededFuture();
          }));
    }
    return chain.map(deleted);
  }

  @Override
  public Future<?> stop() {
    return (runs == null ? Future.succeededFuture() : runs.stop())
        .transform(ar -> pool == null ? Future.succeededFuture() : pool.close());
  }
}
