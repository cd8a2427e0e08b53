package io.holdfast.ledger.outbox;

import io.holdfast.ledger.PaymentStatus;
import io.holdfast.support.jobs.HousekeepingVerticle.Chore;
import io.holdfast.contracts.topic.PaymentEvent;
import io.holdfast.contracts.topic.PaymentsTopic;
import io.holdfast.contracts.Topics;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Writes events to publish into PostgreSQL's outbox, on the connection of the business
 * transaction: the event exists exactly when the change it announces was committed. The relay
 * ({@link OutboxRelayVerticle}, a worker's job) publishes them to Kafka at least once.
 */
public final class Outbox {
  /** Rows sent a day ago: kept that long for inspection. */
  public static final Chore SENT_ROWS = new Chore("sent outbox rows", "delete from outbox "
      + "where id in (select id from outbox where sent_at < now() - interval '1 day' "
      + "order by sent_at limit $1)");

  private static final String INSERT =
      "insert into outbox (topic, key, payload, request_id) values ($1, $2, $3, $4)";

  /** A success moves an unsettled payment to processing; a settled one stays as it is. */
  private static final String PROCESSING = "update payments set status = "
      + PaymentStatus.PROCESSING.sql() + ", updated_at = now(), reported_at = now() "
      + "where id = $1 and status in ("
      + PaymentStatus.PENDING + ", " + PaymentStatus.CANCELED.sql() + ")";

  private Outbox() {}

  /**
   * A payment's outcome for the payment-worker, as Stripe's webhook and reconciliation queue
   * it: a success first moves the payment to processing, until the worker settles it.
   * {@code requestId}: the HTTP request that caused it (null: none), published with it.
   */
  public static Future<Void> addPaymentOutcome(SqlClient conn, PaymentEvent outcome,
      String requestId) {
    Future<?> moved = outcome instanceof PaymentEvent.Succeeded
        ? conn.preparedQuery(PROCESSING).execute(Tuple.of(outcome.paymentId()))
        : Future.succeededFuture();
    return moved.compose(m -> add(conn, Topics.PAYMENTS, outcome.eventId().toString(),
        PaymentsTopic.encode(outcome), requestId));
  }

  /**
   * One event, keyed (Kafka's key: the event ID); a {@code messageId} is added to it.
   * {@code requestId}: the HTTP request that caused it (null: none), which the relay publishes
   * as the record's header ({@link io.holdfast.contracts.topic.RequestIdHeader}).
   */
  public static Future<Void> add(SqlClient conn, String topic, String key, JsonObject event,
      String requestId) {
    return conn.preparedQuery(INSERT).execute(row(topic, key, event, requestId)).mapEmpty();
  }

  /** Events under one key, caused by one request, in one batch (none: nothing is written). */
  public static Future<Void> addAll(SqlClient conn, String topic, String key,
      List<JsonObject> events, String requestId) {
    if (events.isEmpty()) {
      return Future.succeededFuture();
    }
    List<Tuple> rows = new ArrayList<>(events.size());
    events.forEach(e -> rows.add(row(topic, key, e, requestId)));
    return conn.preparedQuery(INSERT).executeBatch(rows).mapEmpty();
  }

  private static Tuple row(String topic, String key, JsonObject event, String requestId) {
    JsonObject payload = event.copy().put("messageId", UUID.randomUUID().toString());
    return Tuple.of(topic, key, payload.encode(), requestId);
  }
}
