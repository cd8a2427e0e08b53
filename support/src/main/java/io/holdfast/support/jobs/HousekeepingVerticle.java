package io.holdfast.support.jobs;

import io.holdfast.support.config.Setting;
import io.holdfast.support.db.Database;
import io.holdfast.support.jobs.Periodic;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes what PostgreSQL keeps only for a while, every {@link #INTERVAL_MILLIS} on every node:
 * a bounded batch of each kind per run, oldest first, through an index, so a run is short and
 * two nodes running at once only find less to delete. A kind with more than a batch waiting
 * is caught up over the following runs. Each kind is a {@link Chore} declared by the module
 * that owns its table; the launcher hands them all to this job.
 *
 * <p>Configuration: {@code pg.url}, {@link #INTERVAL_MILLIS}.
 */
public final class HousekeepingVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(HousekeepingVerticle.class);

  /** Rows of one kind deleted per run at most: each chore's {@code $1}. */
  static final int BATCH = 1000;
  /** Pause between runs (ms); 0 turns housekeeping off on this node. */
  public static final Setting INTERVAL_MILLIS = Setting.number(
      "HOLDFAST_HOUSEKEEPING_INTERVAL_MILLIS", "housekeeping.intervalMillis", 60_000,
      "how often each node deletes what is kept only for a while, ms: outbox rows sent a day "
      + "ago, webhook signatures a day old, sessions whose every token expired a day ago, mail "
      + "sent a week ago (a batch of " + BATCH + " of each a run); 0 turns it off on this node");

  /**
   * One kind of row to delete: what it is (for the log) and the statement that deletes a
   * batch of it, oldest first, at most {@code $1} rows.
   */
  public record Chore(String what, String delete, Work work) {
    public Chore(String what, String delete) {
      this(what, delete, null);
    }

    /** A chore that is not one statement (e.g. signing what a crash left unsigned). */
    public static Chore of(String what, Work work) {
      return new Chore(what, null, work);
    }
  }

  /** The work of a chore that is not a statement: at most {@code batch} rows; answers how many. */
  @FunctionalInterface
  public interface Work {
    Future<Integer> run(Pool pool, int batch);
  }

  private final List<Chore> chores;
  private Pool pool;
  private Periodic runs;

  public HousekeepingVerticle(List<Chore> chores) {
    this.chores = List.copyOf(chores);
  }

  @Override
  public Future<?> start() {
    long interval = INTERVAL_MILLIS.integer(config());
    if (interval <= 0) {
      LOG.info("Housekeeping is off on this node ({} = 0)", INTERVAL_MILLIS.key());
      return Future.succeededFuture();
    }
    pool = Database.pool(vertx, config());
    runs = Periodic.start(vertx, "Housekeeping", interval, interval, () -> run(pool, chores));
    return Future.succeededFuture();
  }

  /**
   * One run: each chore in turn; answers how many rows each deleted. A chore that fails is
   * logged and the others still run.
   */
  public static Future<Map<String, Integer>> run(Pool pool, List<Chore> chores) {
    Map<String, Integer> deleted = new LinkedHashMap<>();
    Future<Void> chain = Future.succeededFuture();
    for (Chore chore : chores) {
      chain = chain.compose(v -> (chore.work() != null ? chore.work().run(pool, BATCH)
              : pool.preparedQuery(chore.delete()).execute(Tuple.of(BATCH)).map(r -> r.rowCount()))
          .<Void>map(count -> {
            deleted.put(chore.what(), count);
            if (count > 0) {
              LOG.info("Housekeeping {} {} {}", chore.work() != null ? "did" : "deleted", count,
                  chore.what());
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
