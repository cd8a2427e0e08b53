package io.holdfast.ledger.payment;

import io.holdfast.support.jobs.HousekeepingVerticle.Chore;
import io.holdfast.contracts.topic.PaymentEvent;
import io.holdfast.contracts.topic.PaymentsTopic;
import io.holdfast.ledger.outbox.Outbox;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

/**
 * Stripe's webhook deliveries, recorded with their effect in one transaction: the delivery's
 * signature (a replay of the same signed request is refused), the Stripe event's ID (each
 * event is handled once), the payment's move to processing, and the outcome for the
 * payment-worker in the outbox. Stripe is answered only after this commits.
 */
public final class StripeEventRepository {
  /**
   * Signatures a day old: far past any timestamp tolerance, stripe-java refuses their request
   * as stale before the replay check would be needed.
   */
  public static final Chore OLD_SIGNATURES = new Chore("webhook signatures",
      "delete from webhook_signatures where signature in (select signature "
      + "from webhook_signatures where received_at < now() - interval '1 day' "
      + "order by received_at limit $1)");

  /** What became of a delivery. */
  public enum Result {
    /** Recorded, and its outcome queued for the payment-worker. */
    RECORDED,
    /** Recorded; nothing to do for it (a type we do not act on, or an unknown intent). */
    IGNORED,
    /** The event was handled before: Stripe retried it. Nothing changed. */
    DUPLICATE,
    /** The same signed request came before: a replay. Nothing changed. */
    REPLAYED
  }

  private static final String SIGNATURE = "insert into webhook_signatures (signature) "
      + "values ($1) on conflict do nothing";
  private static final String EVENT = "insert into stripe_events (id, type, intent_id) "
      + "values ($1, $2, $3) on conflict do nothing";
  private static final String PAYMENT = "select id, hold_id, event_id from payments "
      + "where intent_id = $1 for update";
  private final Pool pool;

  public StripeEventRepository(Pool pool) {
    this.pool = pool;
  }

  /**
   * Records one verified delivery. {@code outcome} is the payment-worker's message kind for
   * the event ({@code payment.succeeded}, ...), or null when the event needs no action;
   * {@code extra} is copied into the message, which carries {@code requestId} (the webhook
   * call's).
   */
  public Future<Result> record(String signature, String eventId, String type, String intentId,
      PaymentEvent.Kind outcome, JsonObject extra, String requestId) {
    return pool.withTransaction(conn -> conn.preparedQuery(SIGNATURE)
        .execute(Tuple.of(signature))
        .compose(sig -> sig.rowCount() == 0 ? Future.succeededFuture(Result.REPLAYED)
            : conn.preparedQuery(EVENT).execute(Tuple.of(eventId, type, intentId))
                .compose(ev -> ev.rowCount() == 0 ? Future.succeededFuture(Result.DUPLICATE)
                    : outcome == null || intentId == null
                        ? Future.succeededFuture(Result.IGNORED)
                        : settle(conn, eventId, intentId, outcome, extra, requestId))));
  }

  private static Future<Result> settle(SqlConnection conn, String eventId, String intentId,
      PaymentEvent.Kind outcome, JsonObject extra, String requestId) {
    return conn.preparedQuery(PAYMENT).execute(Tuple.of(intentId)).compose(rows -> {
      if (rows.size() == 0) {
        return Future.succeededFuture(Result.IGNORED);
      }
      Row p = rows.iterator().next();
      return Outbox.addPaymentOutcome(conn, PaymentsTopic.outcome(outcome, p.getUUID("id"),
              p.getUUID("hold_id"), p.getUUID("event_id"),
              extra.copy().put("stripeEventId", eventId)), requestId)
          .map(Result.RECORDED);
    });
  }
}
