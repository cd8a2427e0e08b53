package io.holdfast.expiry;

import io.holdfast.contracts.topic.HoldsPlaced;
import io.holdfast.contracts.topic.HoldsTopic;
import io.holdfast.contracts.core.CoreBus;
import io.holdfast.contracts.core.Expire;
import io.holdfast.contracts.core.Expired;
import io.holdfast.contracts.Topics;
import io.holdfast.contracts.problem.ProblemException;
import io.holdfast.support.config.Settings;
import io.holdfast.support.jobs.TurnLoop;
import io.holdfast.support.kafka.KafkaSettings;
import io.holdfast.support.log.LogFields;
import io.holdfast.support.log.QuietWarning;
import io.holdfast.support.metrics.ConsumerLag;
import io.holdfast.support.metrics.Meters;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.kafka.client.common.TopicPartition;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vertx.kafka.client.consumer.KafkaConsumerRecords;
import io.vertx.kafka.client.consumer.OffsetAndMetadata;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Releases holds when their time is up. Each {@code hold.placed} record sets a timer for its
 * {@code expiresAt}; the timer asks the core to expire the hold (idempotent), and an early answer
 * ("not-due") sets a new timer. Offsets are committed only below the holds still waiting, so a
 * restart or a rebalance redelivers exactly those.
 *
 * <p>Configuration: {@code kafka.bootstrap}, {@code kafka.groupPrefix}, and the optional keys
 * below.
 */
public final class ExpiryWorkerVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(ExpiryWorkerVerticle.class);

  public static final String GROUP = "expiry-worker";
  /** How long one poll waits for records (ms). */
  public static final String POLL_MILLIS = "expiry.pollMillis";
  /** How often the committable offsets are committed (ms). */
  public static final String COMMIT_INTERVAL_MILLIS = "expiry.commitIntervalMillis";
  /** Pause before a failed expiry or poll is tried again (ms). */
  public static final String RETRY_MILLIS = "expiry.retryMillis";
  /** Holds waiting in memory above which consumption pauses until some expire. */
  public static final String MAX_PENDING = "expiry.maxPending";
  /** Expiry requests in flight at once (a restart may find many holds already due). */
  public static final String MAX_IN_FLIGHT = "expiry.maxInFlight";
  /** How long a request to the reservation core may take (ms). */
  public static final String BUS_TIMEOUT_MILLIS = "expiry.busTimeoutMillis";

  /**
   * The holds of one record, which expire together, and the offset they keep from being
   * committed. {@code requestIds}: the record's header as it came (the request behind each
   * hold, see {@link HoldsTopic#requestIds}), read only for a log line; kept only while the
   * worker logs at debug, since the lines per hold are debug lines and the IDs would take twice
   * the memory of the packed hold IDs (null otherwise).
   */
  private record Expiry(PendingOffsets.Entry entry, PackedHoldIds holdIds, String requestIds) {
    String describe() {
      return holdIds.size() == 1 ? "hold " + holdIds.get(0)
          : holdIds.size() + " holds (" + holdIds.get(0) + ", ...)";
    }

    /**
     * One debug line per hold, each with the request that placed it, so that a request's ID
     * finds the worker's line about its hold. Debug only: a record carries thousands of holds.
     */
    void logEach(String what) {
      if (!LOG.isDebugEnabled()) {
        return;
      }
      for (int i = 0; i < holdIds.size(); i++) {
        LogFields.requestId(LOG.atDebug(), HoldsTopic.requestIdAt(requestIds, i))
            .log("Hold {} {}", holdIds.get(i), what);
      }
    }
  }

  private final PendingOffsets pending = new PendingOffsets();
  private final ArrayDeque<Expiry> due = new ArrayDeque<>();
  /** One line per interval however many holds fail: an outage must not flood the log. */
  private final QuietWarning failures = new QuietWarning(LOG, "Could not expire holds");
  private TurnLoop polls;
  private KafkaConsumer<String, String> consumer;
  private Meters.Source lag;
  private DeliveryOptions delivery;
  private Duration pollTimeout;
  private long commitInterval;
  private long retryMillis;
  private int maxPending;
  private int maxInFlight;
  private int inFlight;
  private long lastCommitAt;
  private boolean paused;

  @Override
  public Future<?> start() {
    pollTimeout = Duration.ofMillis(Settings.integer(config(), POLL_MILLIS, 250));
    commitInterval = Settings.integer(config(), COMMIT_INTERVAL_MILLIS, 1000);
    retryMillis = Settings.integer(config(), RETRY_MILLIS, 1000);
    maxPending = Settings.integer(config(), MAX_PENDING, 200_000);
    maxInFlight = Settings.integer(config(), MAX_IN_FLIGHT, 256);
    delivery = new DeliveryOptions()
        .setSendTimeout(Settings.integer(config(), BUS_TIMEOUT_MILLIS, 10_000));
    Map<String, String> settings = KafkaSettings.consumer(config(), GROUP);
    consumer = KafkaConsumer.create(vertx, settings);
    lag = ConsumerLag.watch(vertx, consumer, settings, Topics.HOLDS);
    consumer.partitionsAssignedHandler(parts -> LOG.info("Holds partitions assigned: {}", parts));
    consumer.partitionsRevokedHandler(this::revoked);
    // Each turn: maybe pause, poll, schedule what came, maybe commit; then the next at once.
    polls = new TurnLoop(vertx, "Polling " + Topics.HOLDS, retryMillis,
        () -> throttle()
            .compose(v -> consumer.poll(pollTimeout))
            .map(this::accept)
            .compose(v -> commitIfDue(false))
            .map(0L));
    return consumer.subscribe(Topics.HOLDS).onSuccess(v -> {
      LOG.info("Expiry worker consuming {}", Topics.HOLDS);
      polls.start();
    });
  }

  /** Whether the worker is stopping: no expiry is sent or rescheduled then. */
  private boolean stopping() {
    return polls != null && polls.stopping();
  }

  private Void accept(KafkaConsumerRecords<String, String> records) {
    for (int i = 0; i < records.size(); i++) {
      accept(records.recordAt(i));
    }
    return null;
  }

  private void accept(KafkaConsumerRecord<String, String> record) {
    TopicPartition tp = new TopicPartition(record.topic(), record.partition());
    PackedHoldIds holdIds;
    long expiresAt;
    String requestIds;
    try {
      HoldsPlaced placed = HoldsTopic.decode(record.value());
      if (placed == null) {
        pending.skip(tp, record.offset());
        return;
      }
      expiresAt = placed.expiresAt();
      holdIds = PackedHoldIds.of(placed.holdIds());
      requestIds = LOG.isDebugEnabled() ? HoldsTopic.requestIds(record.record().headers())
          : null;
    } catch (RuntimeException e) {
      LOG.warn("Skipping malformed record {}-{}@{}: {}", record.topic(), record.partition(),
          record.offset(), e.toString());
      pending.skip(tp, record.offset());
      return;
    }
    PendingOffsets.Entry entry = pending.track(tp, record.offset());
    if (entry != null) {
      Expiry expiry = new Expiry(entry, holdIds, requestIds);
      expiry.logEach("placed; expiring at " + Instant.ofEpochMilli(expiresAt));
      schedule(expiry, expiresAt - System.currentTimeMillis());
    }
  }

  private void schedule(Expiry expiry, long delayMillis) {
    if (delayMillis <= 0) {
      fire(expiry);
    } else {
      expiry.entry().timerId = vertx.setTimer(delayMillis, id -> {
        expiry.entry().timerId = -1;
        fire(expiry);
      });
    }
  }

  private void fire(Expiry expiry) {
    due.add(expiry);
    drain();
  }

  /** Sends the due expiries, at most {@code maxInFlight} at a time. */
  private void drain() {
    while (inFlight < maxInFlight && !due.isEmpty() && !stopping()) {
      Expiry expiry = due.poll();
      if (!pending.isLive(expiry.entry())) {
        continue; // its partition was revoked; the new owner has it
      }
      inFlight++;
      expire(expiry).onComplete(ar -> {
        inFlight--;
        drain();
      });
    }
  }

  private Future<Void> expire(Expiry expiry) {
    return CoreBus.request(vertx, new Expire(expiry.holdIds().list()), delivery)
        .<Void>map(reply -> {
          settled(expiry, reply);
          return null;
        })
        .recover(t -> {
          failed(expiry, t);
          return Future.succeededFuture();
        });
  }

  private void settled(Expiry expiry, Expired reply) {
    if (!pending.isLive(expiry.entry()) || stopping()) {
      return;
    }
    if (reply.status() == Expired.Status.NOT_DUE) {
      // Our clock and the core's disagree, or the hold was extended: ask again when it says.
      long wait = Math.max(1, reply.retryInMillis() > 0 ? reply.retryInMillis() : retryMillis);
      LOG.debug("{} not due yet; asking again in {} ms", expiry.describe(), wait);
      schedule(expiry, wait);
      return;
    }
    expiry.logEach("at expiry: " + reply.status().wire());
    pending.done(expiry.entry());
  }

  private void failed(Expiry expiry, Throwable t) {
    if (!pending.isLive(expiry.entry()) || stopping()) {
      return;
    }
    if (t instanceof ProblemException pe && pe.problem().status() < 500) {
      // The core refused for good; asking again would only repeat the answer.
      LogFields.requestIds(LOG.atWarn(), expiry.requestIds()).log("Giving up on expiring {}: {}",
          expiry.describe(), pe.problem().toJson().encode());
      pending.done(expiry.entry());
      return;
    }
    failures.warn(t, () -> "Could not expire " + expiry.describe() + ", retrying every "
        + retryMillis + " ms");
    schedule(expiry, retryMillis);
  }

  /**
   * Stops fetching while too many holds wait in memory (until half have gone); the core frees
   * lapsed holds anyway, so lagging behind is safe, running out of memory is not.
   */
  private Future<Void> throttle() {
    int waiting = pending.size();
    if (waiting >= maxPending || (paused && waiting >= maxPending / 2)) {
      if (!paused) {
        LOG.warn("{} holds waiting for expiry; pausing {} until half expire", waiting,
            Topics.HOLDS);
        paused = true;
      }
      // Every turn: partitions assigned since the last pause start unpaused.
      return consumer.assignment().compose(consumer::pause);
    }
    if (paused) {
      LOG.info("{} holds waiting for expiry; resuming {}", waiting, Topics.HOLDS);
      paused = false;
      return consumer.paused().compose(consumer::resume);
    }
    return Future.succeededFuture();
  }

  private Future<Void> commitIfDue(boolean force) {
    long now = System.currentTimeMillis();
    if (!force && now - lastCommitAt < commitInterval) {
      return Future.succeededFuture();
    }
    lastCommitAt = now;
    Map<TopicPartition, OffsetAndMetadata> offsets = pending.toCommit();
    if (offsets.isEmpty()) {
      return Future.succeededFuture();
    }
    return consumer.commit(offsets)
        .<Void>map(committed -> {
          pending.committed(offsets);
          LOG.debug("Committed hold offsets {}", offsets);
          return null;
        })
        .recover(t -> {
          // Not fatal: the next commit covers these offsets, or a new owner redoes the holds.
          LOG.warn("Committing hold offsets {} failed", offsets, t);
          return Future.succeededFuture();
        });
  }

  private void revoked(Set<TopicPartition> partitions) {
    int dropped = 0;
    for (PendingOffsets.Entry entry : pending.revoke(partitions)) {
      if (entry.timerId >= 0) {
        vertx.cancelTimer(entry.timerId);
      }
      dropped++;
    }
    LOG.info("Holds partitions revoked: {}; {} waiting holds left to the next owner",
        partitions, dropped);
  }

  @Override
  public Future<?> stop() {
    if (consumer == null) {
      return Future.succeededFuture();
    }
    lag.close();
    // Let the turn in hand end, commit what is safe, then leave the group.
    return polls.stop(5_000)
        .compose(v -> commitIfDue(true))
        .compose(v -> consumer.close());
  }
}
