package io.holdfast.payment.reconcile;

import io.holdfast.contracts.topic.PaymentEvent;
import io.holdfast.contracts.topic.PaymentsTopic;
import io.holdfast.contracts.outbox.Outbox;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Reconciliation's SQL: claiming the payments to look at, and queuing an outcome for the
 * payment-worker in the outbox, exactly as a webhook would.
 */
final class ReconcileRepository {
  /** A payment claimed for one look; {@code lapsed} when its hold's time is up (our clock). */
  record Claimed(UUID id, UUID holdId, UUID eventId, String provider, String status,
      String intentId, boolean lapsed) {
    boolean viaStripe() {
      return "stripe".equals(provider) && intentId != null;
    }
  }

  /**
   * The oldest untouched payments that may need finishing: not settled yet (a failed payment
   * too: it keeps its hold, its buyer may have paid after the failure, and past its hold it is
   * canceled), or succeeded without an order. The claim touches them in the same statement;
   * rows another node is claiming are skipped, and the touch keeps them from being claimed
   * again for the grace period, while Stripe is asked without a database lock held. A payment
   * without a hold expiry (made before V6) counts as lapsed: its hold is long gone.
   *
   * <p>Each kind is found through a partial index of its own (V6's {@code payments_unsettled},
   * V7's {@code payments_succeeded}, V21's {@code payments_failed}), so a run reads the
   * candidates, never the whole table of settled payments; a payment succeeded without an order
   * is looked for in the last {@link #SUCCEEDED_WINDOW} only (every run re-touches one it
   * re-emits, so it stays inside). The outer query repeats the conditions, which PostgreSQL
   * checks again on each row it locks.
   */
  private static final String SUCCEEDED_WINDOW = "7 days";
  private static final String CANDIDATE = "q.updated_at < now() - $1::int * interval '1 second' "
      + "and (q.status in ('requires_payment', 'processing') "
      + "or q.status = 'failed' "
      + "or (q.status = 'succeeded' and not exists "
      + "(select 1 from orders o where o.payment_id = q.id)))";
  private static final String CLAIM = "update payments p set updated_at = now() "
      + "from (select q.id from payments q where q.id in ("
      + "(select id from payments where status in ('requires_payment', 'processing') "
      + "and updated_at < now() - $1::int * interval '1 second' order by updated_at limit $2) "
      + "union all (select id from payments where status = 'failed' "
      + "and updated_at < now() - $1::int * interval '1 second' order by updated_at limit $2) "
      + "union all (select s.id from payments s where s.status = 'succeeded' "
      + "and s.updated_at < now() - $1::int * interval '1 second' "
      + "and s.updated_at > now() - interval '" + SUCCEEDED_WINDOW + "' "
      + "and not exists (select 1 from orders o where o.payment_id = s.id) "
      + "order by s.updated_at limit $2)) and " + CANDIDATE + " "
      + "order by q.updated_at limit $2 for update of q skip locked) c "
      + "where p.id = c.id returning p.id, p.hold_id, p.event_id, p.provider, p.status, "
      + "p.intent_id, coalesce(p.hold_expires_at < now(), true) as lapsed";
  private static final String LOCK = "select p.status, exists (select 1 from orders o "
      + "where o.payment_id = p.id) as ordered from payments p where p.id = $1 for update";
  private final Pool pool;

  ReconcileRepository(Pool pool) {
    this.pool = pool;
  }

  /** Claims up to {@code limit} payments untouched for {@code graceSeconds}. */
  Future<List<Claimed>> claim(int graceSeconds, int limit) {
    return pool.withTransaction(conn -> conn.preparedQuery(CLAIM)
        .execute(Tuple.of(graceSeconds, limit))
        .map(rows -> {
          List<Claimed> claimed = new ArrayList<>(rows.size());
          for (Row r : rows) {
            claimed.add(new Claimed(r.getUUID("id"), r.getUUID("hold_id"),
                r.getUUID("event_id"), r.getString("provider"), r.getString("status"),
                r.getString("intent_id"), r.getBoolean("lapsed")));
          }
          return claimed;
        }));
  }

  /**
   * Queues {@code payment.succeeded} for a payment that has no order yet; false (nothing
   * written) when it was settled meanwhile. The worker confirms or refunds it as usual.
   */
  Future<Boolean> succeeded(Claimed p, JsonObject detail) {
    return pool.withTransaction(conn -> conn.preparedQuery(LOCK).execute(Tuple.of(p.id()))
        .compose(rows -> {
          Row r = rows.iterator().next();
          if (r.getBoolean("ordered") || "refunded".equals(r.getString("status"))) {
            return Future.succeededFuture(false);
          }
          return queue(conn, PaymentEvent.Kind.SUCCEEDED, p, detail).map(true);
        }));
  }

  /**
   * Queues {@code payment.canceled} for a payment still unsettled, so the worker marks it and
   * gives its hold back; false (nothing written) when it was settled meanwhile.
   */
  Future<Boolean> canceled(Claimed p, JsonObject detail) {
    return pool.withTransaction(conn -> conn.preparedQuery(LOCK).execute(Tuple.of(p.id()))
        .compose(rows -> {
          Row r = rows.iterator().next();
          String status = r.getString("status");
          if (r.getBoolean("ordered") || !("requires_payment".equals(status)
              || "processing".equals(status) || "failed".equals(status))) {
            return Future.succeededFuture(false);
          }
          return queue(conn, PaymentEvent.Kind.CANCELED, p, detail).map(true);
        }));
  }

  /** The outcome, queued exactly as a webhook queues it, marked as reconciliation's. */
  private static Future<Void> queue(SqlConnection conn, PaymentEvent.Kind kind, Claimed p,
      JsonObject detail) {
    return Outbox.addPaymentOutcome(conn, PaymentsTopic.outcome(kind, p.id(), p.holdId(),
        p.eventId(), detail.copy().put("source", "reconciliation")));
  }
}
