package io.holdfast.notify.events;

import io.holdfast.contracts.Topics;
import io.holdfast.contracts.topic.TicketEvent;
import io.holdfast.contracts.topic.TicketsTopic;
import io.holdfast.ledger.order.OrderLedger;
import io.holdfast.contracts.topic.OrderEvent;
import io.holdfast.contracts.topic.OrdersTopic;
import io.holdfast.contracts.topic.RequestIdHeader;
import io.holdfast.documents.SignedLinks;
import io.holdfast.notify.Mail;
import io.holdfast.notify.Mailbox;
import io.holdfast.support.config.Settings;
import io.holdfast.support.db.Database;
import io.holdfast.support.jobs.TurnLoop;
import io.holdfast.support.kafka.BatchOffsets;
import io.holdfast.support.kafka.KafkaSettings;
import io.holdfast.support.log.LogFields;
import io.holdfast.support.metrics.ConsumerLag;
import io.holdfast.support.metrics.Meters;
import io.vertx.core.CompositeFuture;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vertx.kafka.client.consumer.KafkaConsumerRecords;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns what happened into mail owed: polls the orders topic ({@code order.confirmed} → the
 * buyer's confirmation; {@code order.refunded} because the event was cancelled → the news and
 * the refund) and the tickets topic ({@code ticket.transferred} → a mail to each side), enqueues
 * the mails in the mailbox, and commits the offsets only after that. Delivery is at least once;
 * each mail's dedup key makes a redelivered record owe nothing more. A record that fails (the
 * database is away) is polled again after {@code mail.eventsRetryMillis}; one that cannot be
 * read is logged and skipped.
 *
 * <p>Configuration: {@code pg.url}, {@code kafka.bootstrap}, {@code kafka.groupPrefix},
 * {@code http.publicUrl}.
 */
public final class MailEventsVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(MailEventsVerticle.class);

  public static final String GROUP = "notify";
  /** Why an order is refunded when its event is cancelled (the edge's cancel sets it). */
  /** Pause before a failed record is polled again (ms). */
  public static final String RETRY_MILLIS = "mail.eventsRetryMillis";

  private Pool pool;
  private KafkaConsumer<String, String> consumer;
  private Meters.Source lag;
  private MailFacts facts;
  private TurnLoop polls;
  private long retryMillis;

  @Override
  public Future<?> start() {
    retryMillis = Settings.integer(config(), RETRY_MILLIS, 1000);
    pool = Database.pool(vertx, config());
    facts = new MailFacts(pool, Settings.PUBLIC_URL.string(config()), SignedLinks.of(config()));
    Map<String, String> settings = KafkaSettings.consumer(config(), GROUP);
    consumer = KafkaConsumer.create(vertx, settings);
    lag = ConsumerLag.watch(vertx, consumer, settings, Topics.ORDERS, Topics.TICKETS);
    Duration poll = Duration.ofMillis(500);
    polls = new TurnLoop(vertx, "Polling for mail to owe", retryMillis,
        () -> consumer.poll(poll).compose(this::handle));
    return consumer.subscribe(Set.of(Topics.ORDERS, Topics.TICKETS)).onSuccess(v -> {
      LOG.info("Mail owed from {} and {}", Topics.ORDERS, Topics.TICKETS);
      polls.start();
    });
  }

  /** Enqueues each record's mail, commits what is done; answers the pause before the next poll. */
  private Future<Long> handle(KafkaConsumerRecords<String, String> records) {
    if (records.isEmpty()) {
      return Future.succeededFuture(0L);
    }
    List<KafkaConsumerRecord<String, String>> batch = new ArrayList<>(records.size());
    List<Future<Void>> results = new ArrayList<>(records.size());
    for (int i = 0; i < records.size(); i++) {
      KafkaConsumerRecord<String, String> record = records.recordAt(i);
      batch.add(record);
      results.add(enqueue(record));
    }
    return Future.join(results).transform(ignored -> BatchOffsets.commit(consumer, batch,
        results, LOG, "Mail-owing").map(failed -> failed ? retryMillis : 0L));
  }

  /**
   * Enqueues the mail a record owes, and says so in a line with the request that caused it
   * (its header), the one a request's ID finds in the mail's story.
   */
  private Future<Void> enqueue(KafkaConsumerRecord<String, String> record) {
    String requestId = RequestIdHeader.read(record.record().headers());
    Future<List<Mail>> mails;
    try {
      mails = mailsOf(record.topic(), new JsonObject(record.value()));
    } catch (RuntimeException e) {
      LogFields.requestId(LOG.atWarn(), requestId).log("Skipping record {}-{}@{}: it cannot be "
          + "read ({})", record.topic(), record.partition(), record.offset(), e.toString());
      return Future.succeededFuture();
    }
    return mails.compose(list -> {
      List<Future<Boolean>> enqueued = new ArrayList<>(list.size());
      list.forEach(mail -> enqueued.add(Mailbox.enqueue(pool, mail)));
      return Future.all(enqueued).onSuccess(added -> {
        if (!list.isEmpty()) {
          LogFields.requestId(LOG.atInfo(), requestId).log("Mail owed for {}-{}@{}: {}",
              record.topic(), record.partition(), record.offset(), describe(list, added));
        }
      }).mapEmpty();
    });
  }

  /**
   * Each mail by its dedup key (the sender's lines name it too; no address: logs are no place
   * for them), and whether a delivery before owed it already.
   */
  private static String describe(List<Mail> mails, CompositeFuture added) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < mails.size(); i++) {
      text.append(i == 0 ? "" : ", ").append(mails.get(i).dedupKey())
          .append(Boolean.TRUE.equals(added.resultAt(i)) ? "" : " (owed already)");
    }
    return text.toString();
  }

  /** The mails one record owes; none for what mails nobody. */
  Future<List<Mail>> mailsOf(String topic, JsonObject json) {
    if (Topics.ORDERS.equals(topic)) {
      OrderEvent event = OrdersTopic.decode(json);
      if (event instanceof OrderEvent.Confirmed confirmed) {
        return facts.orderConfirmed(confirmed.orderId());
      }
      if (event instanceof OrderEvent.Refunded refunded
          && OrderLedger.EVENT_CANCELLED.equals(refunded.reason())) {
        return facts.eventCancelled(refunded.orderId());
      }
    } else if (Topics.TICKETS.equals(topic)) {
      if (TicketsTopic.decode(json) instanceof TicketEvent.Transferred transfer) {
        return facts.transferred(transfer);
      }
    }
    return Future.succeededFuture(List.of());
  }

  @Override
  public Future<?> stop() {
    Future<Void> drained = polls == null ? Future.succeededFuture() : polls.stop(10_000);
    if (lag != null) {
      lag.close();
    }
    return drained.compose(v -> Future.join(
        consumer == null ? Future.succeededFuture() : consumer.close(),
        pool == null ? Future.succeededFuture() : pool.close()));
  }
}
