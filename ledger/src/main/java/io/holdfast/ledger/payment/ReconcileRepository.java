package io.holdfast.ledger.payment;

import io.holdfast.support.db.Stored;
import io.holdfast.ledger.PaymentStatus;
import io.holdfast.contracts.topic.PaymentEvent;
import io.holdfast.contracts.topic.PaymentsTopic;
import io.holdfast.ledger.outbox.Outbox;
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
public final class ReconcileRepository {
  /** A payment claimed for one look; {@code lapsed} when its hold's time is up (our clock). */
  public record Claimed(UUID id, UUID holdId, UUID eventId, String provider,
      PaymentStatus status,
      String intentId, boolean lapsed) {
    public boolean viaStripe() {
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
  /** V6's {@code payments_unsettled}: made and not paid, or paid and not settled. */
  private static final String UNSETTLED =
      Stored.sql(PaymentStatus.REQUIRES_PAYMENT, PaymentStatus.PROCESSING);
  private static final String CANDIDATE = "q.updated_at < now() - $1::int * interval '1 second' "
      + "and (q.status in (" + UNSETTLED + ") "
      + "or q.status = " + PaymentStatus.FAILED.sql() + " "
      + "or (q.status = " + PaymentStatus.SUCCEEDED.sql() + " and not exists "
      + "(select 1 from orders o where o.payment_id = q.id)))";
  private static final String CLAIM = "update payments p set updated_at = now() "
      + "from (select q.id from payments q where q.id in ("
      + "(select id from payments where status in (" + UNSETTLED + ") "
      + "and updated_at < now() - $1::int * interval '1 second' order by updated_at limit $2) "
      + "union all (select id from payments where status = " + PaymentStatus.FAILED.sql() + " "
      + "and updated_at < now() - $1::int * interval '1 second' order by updated_at limit $2) "
      + "union all (select s.id from payments s where s.status = "
      + PaymentStatus.SUCCEEDED.sql() + " "
      + "and s.updated_at < now() - $1::int * interval '1 second' "
      + "and s.updated_at > now() - interval '" + SUCCEEDED_WINDOW + "' "
      + "and not exists (select 1 from orders o where o.payment_id = s.id) "
      + "order by s.updated_at limit $2)) and " + CANDIDATE + " "
      + "order by q.updated_at limit $2 for update of q skip locked) c "
      + "where p.id = c.id returning p.id, p.hold_id, p.event_id, p.provider, p.status, "
      + "p.intent_id, coalesce(p.hold_expires_at < now(), true) as lapsed";
  /**
   * Payments paid (their outcome reported: processing) whose report is older than the grace
   * period and which the worker has still not settled into an order: V28's
   * {@code payments_processing} finds them without reading settled payments.
   */
  private static final String UNORDERED = "select count(*) as unordered from payments where "
      + "status = " + PaymentStatus.PROCESSING.sql() + " and reported_at < now() - $1::int "
      + "* interval '1 second'";
  private static final String LOCK = "select p.status, exists (select 1 from orders o "
      + "where o.payment_id = p.id) as ordered from payments p where p.id = $1 for update";
  private final Pool pool;

  public ReconcileRepository(Pool pool) {
    this.pool = pool;
  }

  /** How many paid payments have waited more than {@code graceSeconds} for their order. */
  public Future<Long> unordered(int graceSeconds) {
    return pool.preparedQuery(UNORDERED).execute(Tuple.of(graceSeconds))
        .map(rows -> rows.iterator().next().getLong("unordered"));
  }

  /** Claims up to {@code limit} payments untouched for {@code graceSeconds}. */
  public Future<List<Claimed>> claim(int graceSeconds, int limit) {
    return pool.withTransaction(conn -> conn.preparedQuery(CLAIM)
        .execute(Tuple.of(graceSeconds, limit))
        .map(rows -> {
          List<Claimed> claimed = new ArrayList<>(rows.size());
          for (Row r : rows) {
            claimed.add(new Claimed(r.getUUID("id"), r.getUUID("hold_id"),
                r.getUUID("event_id"), r.getString("provider"), PaymentStatus.of(r.getString("status")),
                r.getString("intent_id"), r.getBoolean("lapsed")));
          }
          return claimed;
        }));
  }

  /**
   * Queues {@code payment.succeeded} for a payment that has no order yet; false (nothing
   * written) when it was settled meanwhile. The worker confirms or refunds it as usual.
   */
  public Future<Boolean> succeeded(Claimed p, JsonObject detail) {
    return pool.withTransaction(conn -> conn.preparedQuery(LOCK).execute(Tuple.of(p.id()))
        .compose(rows -> {
          Row r = rows.iterator().next();
          if (r.getBoolean("ordered") || PaymentStatus.of(r.getString("status")) == PaymentStatus.REFUNDED) {
            return Future.succeededFuture(false);
          }
          return queue(conn, PaymentEvent.Kind.SUCCEEDED, p, detail).map(true);
        }));
  }

  /**
   * Queues {@code payment.canceled} for a payment still unsettled, so the worker marks it and
   * gives its hold back; false (nothing written) when it was settled meanwhile.
   */
  public Future<Boolean> canceled(Claimed p, JsonObject detail) {
    return pool.withTransaction(conn -> conn.preparedQuery(LOCK).execute(Tuple.of(p.id()))
        .compose(rows -> {
          Row r = rows.iterator().next();
          PaymentStatus status = PaymentStatus.of(r.getString("status"));
          if (r.getBoolean("ordered") || !(status == PaymentStatus.REQUIRES_PAYMENT
              || status == PaymentStatus.PROCESSING || status == PaymentStatus.FAILED)) {
            return Future.succeededFuture(false);
          }
          return queue(conn, PaymentEvent.Kind.CANCELED, p, detail).map(true);
        }));
  }

  /**
   * The outcome, queued exactly as a webhook queues it, marked as reconciliation's: no request
   * caused it, so it carries no request ID.
   */
  private static Future<Void> queue(SqlConnection conn, PaymentEvent.Kind kind, Claimed p,
      JsonObject detail) {
    return Outbox.addPaymentOutcome(conn, PaymentsTopic.outcome(kind, p.id(), p.holdId(),
        p.eventId(), detail.copy().put("source", "reconciliation")), null);
  }
}
