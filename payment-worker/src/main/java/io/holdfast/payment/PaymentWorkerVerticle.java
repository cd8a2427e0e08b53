package io.holdfast.payment;

import io.holdfast.support.jobs.KillSwitch;
import io.holdfast.ledger.order.OrderLedger;
import io.holdfast.ledger.ticket.TicketCodes;
import io.holdfast.support.crypto.PlatformKey;
import io.holdfast.contracts.Topics;
import io.holdfast.support.config.Settings;
import io.holdfast.support.db.Database;
import io.holdfast.support.jobs.TurnLoop;
import io.holdfast.support.kafka.BatchOffsets;
import io.holdfast.support.kafka.KafkaSettings;
import io.holdfast.support.metrics.ConsumerLag;
import io.holdfast.support.metrics.Meters;
import io.holdfast.support.payment.StripeGateway;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vertx.kafka.client.consumer.KafkaConsumerRecords;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns payment outcomes into orders. Polls the payments topic, settles a batch, commits, and
 * only then polls again. Different payments of a batch are settled in parallel; the records of
 * one payment strictly in their order, each after the one before it finished, since a later
 * outcome (a success after a decline, a refund after a success) must not be overtaken by an
 * earlier one. Duplicates are made safe by the ledger's unique constraints. A record that fails
 * for a transient reason is retried: its partition is committed up to it and sought back to it,
 * and the later records of its payment in the batch wait for that retry rather than run ahead.
 *
 * <p>Configuration: {@code pg.url}, {@code pg.poolSize}, {@code kafka.bootstrap},
 * {@code kafka.groupPrefix}, Stripe's keys when payments go through Stripe (refunds), and the
 * optional keys below. Its results go to Kafka through the outbox.
 *
 * <p>Tests deploy it with an armed {@link KillSwitch} to kill it between the database commits
 * of a batch and the commit of its offsets: the worst moment, when a new owner of the
 * partition receives records whose orders are already written.
 */
public final class PaymentWorkerVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(PaymentWorkerVerticle.class);

  public static final String GROUP = "payment-worker";
  /** How long one poll waits for records (ms). */
  public static final String POLL_MILLIS = "payment.pollMillis";
  /** Pause before a failed record or poll is tried again (ms). */
  public static final String RETRY_MILLIS = "payment.retryMillis";
  /** How long a request to the reservation core may take (ms). */
  public static final String BUS_TIMEOUT_MILLIS = "payment.busTimeoutMillis";

  private Pool pool;
  private TicketCodes codes;
  private KafkaConsumer<String, String> consumer;
  private Meters.Source lag;
  private Settlement settlement;
  private Duration pollTimeout;
  private long retryMillis;
  private TurnLoop polls;
  private final KillSwitch beforeOffsetCommit;

  public PaymentWorkerVerticle() {
    this(KillSwitch.never());
  }

  private PaymentWorkerVerticle(KillSwitch beforeOffsetCommit) {
    this.beforeOffsetCommit = beforeOffsetCommit;
  }

  /**
   * A worker that a test kills by arming {@code beforeOffsetCommit}: after settling a batch,
   * before committing its offsets. (A factory, not a constructor, so that
   * {@code PaymentWorkerVerticle::new} stays a plain deployment supplier.)
   */
  public static PaymentWorkerVerticle killable(KillSwitch beforeOffsetCommit) {
    return new PaymentWorkerVerticle(beforeOffsetCommit);
  }

  @Override
  public Future<?> start() {
    pollTimeout = Duration.ofMillis(Settings.integer(config(), POLL_MILLIS, 500));
    retryMillis = Settings.integer(config(), RETRY_MILLIS, 1000);
    long busTimeout = Settings.integer(config(), BUS_TIMEOUT_MILLIS, 15_000);
    pool = Database.pool(vertx, config());
    Map<String, String> settings = KafkaSettings.consumer(config(), GROUP);
    consumer = KafkaConsumer.create(vertx, settings);
    lag = ConsumerLag.watch(vertx, consumer, settings, Topics.PAYMENTS);
    codes = new TicketCodes(vertx, pool, PlatformKey.of(config()));
    settlement = new Settlement(vertx, new OrderLedger(pool), codes,
        StripeGateway.of(vertx, config()), busTimeout);
    consumer.partitionsAssignedHandler(parts -> LOG.info("Payments partitions assigned: {}", parts));
    consumer.partitionsRevokedHandler(parts -> LOG.info("Payments partitions revoked: {}", parts));
    // Each turn polls, settles the batch and commits; only then the next turn polls again.
    polls = new TurnLoop(vertx, "Polling " + Topics.PAYMENTS, retryMillis,
        () -> consumer.poll(pollTimeout).compose(this::settle));
    return consumer.subscribe(Topics.PAYMENTS).onSuccess(v -> {
      LOG.info("Payment worker consuming {}", Topics.PAYMENTS);
      polls.start();
    });
  }

  /** Settles a batch, commits what is done; answers how long to wait before the next poll. */
  private Future<Long> settle(KafkaConsumerRecords<String, String> records) {
    if (records.isEmpty()) {
      return Future.succeededFuture(0L);
    }
    List<KafkaConsumerRecord<String, String>> batch = new ArrayList<>(records.size());
    List<Future<Void>> results = new ArrayList<>(records.size());
    // The last record of each payment in this batch so far: the next one waits for it.
    Map<String, Future<Void>> lastOfPayment = new HashMap<>();
    for (int i = 0; i < records.size(); i++) {
      KafkaConsumerRecord<String, String> record = records.recordAt(i);
      batch.add(record);
      Settlement.Record parsed = Settlement.read(record);
      Future<Void> before = parsed == null ? null : lastOfPayment.get(parsed.paymentKey());
      // After a failed record of its payment this one fails too, unrun: the seek back to the
      // first failure redelivers both, in order.
      Future<Void> result = before == null ? handleSafely(record, parsed)
          : before.compose(v -> handleSafely(record, parsed));
      if (parsed != null) {
        lastOfPayment.put(parsed.paymentKey(), result);
      }
      results.add(result);
    }
    return Future.join(results).transform(ignored -> {
      if (beforeOffsetCommit.fire()) {
        // Dead: the batch is settled in PostgreSQL, its offsets are never committed.
        LOG.warn("Killed after settling {} payment record(s), before committing their offsets",
            batch.size());
        polls.halt();
        return Future.succeededFuture(0L);
      }
      return BatchOffsets.commit(consumer, batch, results, LOG, "Payment")
          .map(failed -> failed ? retryMillis : 0L);
    });
  }

  private Future<Void> handleSafely(KafkaConsumerRecord<String, String> record,
      Settlement.Record parsed) {
    try {
      return settlement.handle(record, parsed);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }



  @Override
  public Future<?> stop() {
    // Let the batch in hand finish so its offsets are committed; do not wait forever.
    Future<Void> drained = polls == null ? Future.succeededFuture() : polls.stop(10_000);
    if (lag != null) {
      lag.close();
    }
    return drained.compose(v -> Future.join(
        consumer == null ? Future.succeededFuture() : consumer.close(),
        pool == null ? Future.succeededFuture() : pool.close()));
  }
}
