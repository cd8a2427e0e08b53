package io.holdfast.ledger.payment;

import io.holdfast.ledger.PaymentStatus;
import io.holdfast.support.db.Rows;
import io.holdfast.ledger.outbox.Outbox;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Payments as the edge starts them; the payment-worker settles them. */
public final class PaymentRepository {
  private static final String COLUMNS = "id, hold_id, user_id, event_id, provider, status, "
      + "amount_cents, currency, client_secret, intent_id, refund_id, refunded_cents, "
      + "created_at, updated_at, "
      // The order a succeeded payment became, so a buyer's page can go from the payment to it.
      + "(select o.id from orders o where o.payment_id = payments.id) as order_id";

  private final Pool pool;

  public PaymentRepository(Pool pool) {
    this.pool = pool;
  }

  /**
   * One payment per hold, however often checkout is called: the first one is answered.
   * {@code intentId} is Stripe's PaymentIntent (null for the simulated provider).
   */
  public Future<JsonObject> createForHold(UUID holdId, UUID userId, UUID eventId,
      String provider, long amountCents, String currency, String clientSecret, String intentId,
      Instant holdExpiresAt) {
    return pool.preparedQuery("insert into payments (id, hold_id, user_id, event_id, provider, "
            + "status, amount_cents, currency, client_secret, intent_id, hold_expires_at) "
            + "values ($1, $2, $3, $4, $5, " + PaymentStatus.REQUIRES_PAYMENT.sql()
            + ", $6, $7, $8, $9, $10) "
            + "on conflict (hold_id) do nothing")
        .execute(Tuple.from(new Object[] {UUID.randomUUID(), holdId, userId, eventId, provider,
            amountCents, currency, clientSecret, intentId, Rows.utc(holdExpiresAt)}))
        .compose(ignored -> byHold(holdId));
  }

  /** The payment of a hold, or null when checkout has not made one yet. */
  public Future<JsonObject> byHold(UUID holdId) {
    return pool.preparedQuery("select " + COLUMNS + " from payments where hold_id = $1")
        .execute(Tuple.of(holdId))
        .map(rs -> rs.size() == 0 ? null : payment(rs.iterator().next()));
  }

  /** The payment if {@code userId} made it, otherwise null (a 404 for the caller). */
  public Future<JsonObject> byIdForUser(UUID id, UUID userId) {
    return pool.preparedQuery("select " + COLUMNS + " from payments where id = $1 and user_id = $2")
        .execute(Tuple.of(id, userId))
        .map(rs -> rs.size() == 0 ? null : payment(rs.iterator().next()));
  }

  /** {@code userId}'s payments, newest first, a page before {@code (beforeCreated, beforeId)}. */
  public Future<List<JsonObject>> ofUser(UUID userId, Instant beforeCreated, UUID beforeId,
      int limit) {
    return pool.preparedQuery("select " + COLUMNS + " from payments where user_id = $1 "
            + "and (created_at, id) < ($2, $3) order by created_at desc, id desc limit $4")
        .execute(Tuple.of(userId, Rows.utc(beforeCreated), beforeId, limit))
        .map(rs -> Rows.list(rs, PaymentRepository::payment));
  }

  /**
   * Moves a pending payment (not paid yet, or declined: the buyer may try again) to processing
   * and puts its outcome in the outbox, in one transaction; false (and nothing written) when
   * it was no longer pending. {@code requestId}: the HTTP request that reported the outcome.
   */
  public Future<Boolean> markProcessing(UUID id, String topic, String key, JsonObject outcome,
      String requestId) {
    return pool.withTransaction(conn -> conn.preparedQuery("update payments set "
            + "status = " + PaymentStatus.PROCESSING.sql() + ", updated_at = now(), "
            + "reported_at = now() where id = $1 and status in (" + PaymentStatus.PENDING + ")")
        .execute(Tuple.of(id))
        .compose(rs -> rs.rowCount() == 1
            ? Outbox.add(conn, topic, key, outcome, requestId).map(true)
            : Future.succeededFuture(false)));
  }

  private static JsonObject payment(Row r) {
    return new JsonObject().put("paymentId", r.getUUID("id").toString())
        .put("holdId", r.getUUID("hold_id").toString())
        .put("userId", r.getUUID("user_id").toString())
        .put("eventId", r.getUUID("event_id").toString())
        .put("provider", r.getString("provider")).put("status", r.getString("status"))
        .put("amountCents", r.getLong("amount_cents")).put("currency", r.getString("currency"))
        .put("clientSecret", r.getString("client_secret"))
        .put("intentId", r.getString("intent_id"))
        .put("refundId", r.getString("refund_id"))
        .put("refundedCents", r.getLong("refunded_cents"))
        .put("orderId", r.getUUID("order_id") == null ? null : r.getUUID("order_id").toString())
        .put("createdAt", r.getOffsetDateTime("created_at").toInstant().toString())
        .put("updatedAt", r.getOffsetDateTime("updated_at").toInstant().toString());
  }
}
