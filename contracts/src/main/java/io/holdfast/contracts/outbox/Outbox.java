package io.holdfast.contracts.outbox;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.UUID;

/**
 * Writes events to publish into PostgreSQL's outbox, on the connection of the business
 * transaction: the event exists exactly when the change it announces was committed. The relay
 * (payment-worker's {@code OutboxRelayVerticle}) publishes them to Kafka at least once.
 */
public final class Outbox {
  private static final String INSERT =
      "insert into outbox (topic, key, payload) values ($1, $2, $3)";

  private Outbox() {}

  /** One event, keyed (Kafka's key: the event ID); a {@code messageId} is added to it. */
  public static Future<Void> add(SqlClient conn, String topic, String key, JsonObject event) {
    return conn.preparedQuery(INSERT).execute(row(topic, key, event)).mapEmpty();
  }

  /** Several events of one topic and key, in one round trip. */
  public static Future<Void> addAll(SqlClient conn, String topic, String key,
      List<JsonObject> events) {
    if (events.isEmpty()) {
      return Future.succeededFuture();
    }
    return conn.preparedQuery(INSERT)
        .executeBatch(events.stream().map(e -> row(topic, key, e)).toList()).mapEmpty();
  }

  private static Tuple row(String topic, String key, JsonObject event) {
    JsonObject payload = event.copy().put("messageId", UUID.randomUUID().toString());
    return Tuple.of(topic, key, payload.encode());
  }
}
