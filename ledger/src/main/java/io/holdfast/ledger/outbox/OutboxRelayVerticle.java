package io.holdfast.ledger.outbox;

import io.holdfast.contracts.Topics;
import io.holdfast.contracts.topic.RequestIdHeader;
import io.holdfast.support.jobs.KillSwitch;
import io.holdfast.support.config.Setting;
import io.holdfast.support.config.Settings;
import io.holdfast.support.db.Database;
import io.holdfast.support.jobs.TurnLoop;
import io.holdfast.support.kafka.EventPublisher;
import io.holdfast.support.kafka.KafkaSettings;
import io.holdfast.support.jobs.Periodic;
import io.holdfast.support.metrics.Meters;
import io.micrometer.core.instrument.Counter;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the outbox to Kafka. Each turn claims a batch of unsent rows in a transaction
 * ({@code FOR UPDATE SKIP LOCKED}, so relays on several nodes share the work without waiting
 * on each other), publishes them in order, marks them sent and commits. A crash after the
 * publish and before the commit leaves the rows unsent: they are published again after the
 * restart (at least once), and consumers recognise the repeat by its natural key or
 * {@code messageId}. Sent rows are deleted a day later by the housekeeping. A row's
 * {@code request_id} (the request that caused it) goes out as the record's header.
 *
 * <p>Configuration: {@code pg.url}, {@code kafka.bootstrap}, {@link #INTERVAL_MILLIS},
 * {@link #BATCH}.
 *
 * <p>Tests deploy it with an armed {@link KillSwitch} to kill it after a publish and before
 * its rows are marked sent (the transaction is rolled back, as a dropped connection would).
 */
public final class OutboxRelayVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(OutboxRelayVerticle.class);

  /** Pause between turns that found nothing more to send. */
  public static final Setting INTERVAL_MILLIS = Setting.number("HOLDFAST_OUTBOX_INTERVAL_MILLIS",
      "outbox.intervalMillis", 100,
      "how often the outbox relay looks for events to publish to Kafka when idle, ms");
  /** Rows claimed per turn. */
  public static final String BATCH = "outbox.batch";

  private static final String CLAIM = "select id, topic, key, payload, request_id from outbox "
      + "where sent_at is null order by id limit $1 for update skip locked";
  private static final String MARK_SENT = "update outbox set sent_at = now() where id = any($1)";
  /**
   * The backlog: rows not sent yet, and how long the oldest has waited (ids grow with time, so
   * the first unsent id is the oldest row: one index entry, not a scan).
   */
  private static final String BACKLOG = "select (select count(*) from outbox where sent_at is "
      + "null) as backlog, (select extract(epoch from now() - created_at)::float8 from outbox "
      + "where sent_at is null order by id limit 1) as oldest";
  /** How often the backlog is counted: a count of unsent rows, through their index. */
  static final long BACKLOG_INTERVAL_MILLIS = 10_000;

  private Pool pool;
  private EventPublisher publisher;
  private long intervalMillis;
  private int batch;
  private TurnLoop turns;
  private Periodic counts;
  private final List<Meters.Source> gauges = new ArrayList<>();
  /** The last count, read by the scraper. */
  private volatile long backlog;
  private volatile double oldestSeconds;
  private final KillSwitch beforeMarkSent;

  public OutboxRelayVerticle() {
    this(KillSwitch.never());
  }

  private OutboxRelayVerticle(KillSwitch beforeMarkSent) {
    this.beforeMarkSent = beforeMarkSent;
  }

  /**
   * A relay that a test kills by arming {@code beforeMarkSent}: after a publish, before marking
   * it sent. (A factory, so that {@code OutboxRelayVerticle::new} stays a deployment supplier.)
   */
  public static OutboxRelayVerticle killable(KillSwitch beforeMarkSent) {
    return new OutboxRelayVerticle(beforeMarkSent);
  }

  @Override
  public Future<?> start() {
    intervalMillis = INTERVAL_MILLIS.integer(config());
    batch = Settings.integer(config(), BATCH, 200);
    pool = Database.pool(vertx, config());
    Meters meters = Meters.of(vertx);
    Counter published = meters.counter("holdfast_outbox_published_total",
        "Outbox rows published to Kafka and marked sent");
    // Every relay sees the same table: the gauges show the latest count, not a sum.
    gauges.add(meters.max("holdfast_outbox_backlog", "Outbox rows not yet published to Kafka, "
        + "at the last count (every 10 s)", () -> backlog));
    gauges.add(meters.max("holdfast_outbox_oldest_seconds", "How long the oldest outbox row "
        + "not yet published has waited, at the last count", () -> oldestSeconds));
    counts = Periodic.everyInterval(vertx, "Counting the outbox's backlog",
        BACKLOG_INTERVAL_MILLIS, this::count);
    // A full batch means more is waiting: the next turn comes at once, else after the interval.
    turns = new TurnLoop(vertx, "Relaying the outbox", intervalMillis,
        () -> pool.withTransaction(this::relay).onSuccess(published::increment)
            .map(sent -> sent == batch ? 0L : intervalMillis));
    return EventPublisher.create(vertx, KafkaSettings.producer(config(), "outbox-relay"),
            Topics.ALL)
        .onSuccess(p -> {
          publisher = p;
          LOG.info("Outbox relay publishing every {} ms, {} rows a turn", intervalMillis, batch);
          turns.start();
        });
  }

  private Future<Integer> relay(SqlConnection conn) {
    return conn.preparedQuery(CLAIM).execute(Tuple.of(batch)).compose(rows -> {
      if (rows.size() == 0) {
        return Future.succeededFuture(0);
      }
      return publish(rows).compose(ids -> {
        if (beforeMarkSent.fire()) {
          turns.halt();
          return Future.failedFuture(new IllegalStateException("killed after publishing "
              + ids.size() + " outbox row(s), before marking them sent"));
        }
        return conn.preparedQuery(MARK_SENT).execute(Tuple.of(ids.toArray(new Long[0])))
            .map(rows.size());
      });
    });
  }

  private Future<Void> count() {
    return pool.query(BACKLOG).execute().map(rows -> {
      Row row = rows.iterator().next();
      backlog = row.getLong("backlog");
      Double oldest = row.getDouble("oldest");
      oldestSeconds = oldest == null ? 0 : oldest;
      return null;
    });
  }

  /** Sends every row (the producer keeps their order per key); fails if any send fails. */
  private Future<List<Long>> publish(RowSet<Row> rows) {
    List<Long> ids = new ArrayList<>(rows.size());
    List<Future<Void>> sends = new ArrayList<>(rows.size());
    for (Row row : rows) {
      ids.add(row.getLong("id"));
      sends.add(publisher.send(row.getString("topic"), row.getString("key"),
          row.getString("payload"), RequestIdHeader.of(row.getString("request_id"))));
    }
    return Future.all(sends).map(ids);
  }

  @Override
  public Future<?> stop() {
    gauges.forEach(Meters.Source::close);
    Future<?> counted = counts == null ? Future.succeededFuture() : counts.stop();
    Future<Void> drained = publisher == null ? Future.succeededFuture()
        : counted.transform(ignored -> turns.stop(10_000));
    return drained.compose(v -> Future.join(
        publisher == null ? Future.succeededFuture() : publisher.close(),
        pool == null ? Future.succeededFuture() : pool.close()));
  }
}
