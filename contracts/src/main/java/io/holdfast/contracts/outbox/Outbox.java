package io.holdfast.contracts.outbox;

import io.holdfast.contracts.Topics;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;

/**
 * Writes events to publish into PostgreSQL's outbox, on the connection of the business
 * transaction: the event exists exactly when the change it announces was committed. The relay
 * (payment-worker's {@code OutboxRelayVerticle}) publishes them to Kafka at least once.
 */
public final class Outbox {
  private static final String INSERT =
      "insert into outbox (topic, key, payload) values ($1, $2, $3)";

  /** A success moves an unsettled payment to processing; a settled one stays as it is. */
  private static final String PROCESSING = "update payments set status = 'processing', "
      + "updated_at = now() where id = $1 and status in ('requires_payment', 'failed', "
      + "'canceled')";

  private Outbox() {}

  /**
   * A payment's outcome for the payment-worker ({@code type}: {@code payment.succeeded},
   * {@code payment.canceled}, ...), as Stripe's webhook and reconciliation queue it: a success
   * first moves the payment to processing, until the worker settles it. {@code extra} is
   * copied into the message.
   */
  public static Future<Void> addPaymentOutcome(SqlClient conn, String type, UUID paymentId,
      UUID holdId, UUID eventId, JsonObject extra) {
    JsonObject message = extra.copy().put("type", type).put("paymentId", paymentId.toString())
        .put("holdId", holdId.toString()).put("eventId", eventId.toString());
    Future<?> moved = "payment.succeeded".equals(type)
        ? conn.preparedQuery(PROCESSING).execute(Tuple.of(paymentId))
        : Future.succeededFuture();
    return moved.compose(m -> add(conn, Topics.PAYMENTS, eventId.toString(), message));
  }

  /** One event, keyed (Kafka's key: the event ID); a {@code messageId} is added to it. */
  public static Future<Void> add(SqlClient conn, String topic, String key, JsonObject event) {
    return conn.preparedQuery(INSERT).execute(row(topic, key, event)).mapEmpty();
  }

  private static Tuple row(String topic, String key, JsonObject event) {
    JsonObject payload = event.copy().put("messageId", UUID.randomUUID().toString());
    return Tuple.of(topic, key, payload.encode());
  }
}
