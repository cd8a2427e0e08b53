package io.holdfast.ledger.order;

import io.holdfast.catalog.EventStatus;
import io.holdfast.support.db.Stored;
import io.holdfast.ledger.TicketStatus;
import io.holdfast.ledger.OrderStatus;
import io.holdfast.ledger.PaymentStatus;
import io.holdfast.contracts.topic.OrderEvent;
import io.holdfast.contracts.topic.OrdersTopic;
import io.holdfast.contracts.Topics;
import io.holdfast.ledger.outbox.Outbox;
import io.holdfast.ledger.ticket.Revocation;
import io.holdfast.ledger.ticket.Revocations;
import io.vertx.sqlclient.RowSet;
import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Settlement's writes (the payment-worker runs it): orders, their tickets, and the settled
 * state of payments. Each
 * settlement is one transaction, and its {@code order.confirmed} or {@code order.refunded}
 * event goes into the outbox in that same transaction; PostgreSQL's unique constraints decide
 * races between deliveries of one payment and catch a slot the grid would sell twice. Each
 * write takes the {@code requestId} of the record it settles (null: none), which its event
 * carries on.
 */
public final class OrderLedger {
  /** How a settlement ended. */
  public enum Outcome {
    /** This call wrote the order. */
    RECORDED,
    /** Another delivery of the same payment wrote it first; nothing changed. */
    ALREADY_RECORDED,
    /** A slot already has a live ticket: the whole transaction was rolled back. */
    DOUBLE_SALE,
    /** The event was cancelled: nothing was written, the payment is to be refunded. */
    EVENT_CANCELLED
  }

  /**
   * A payment as the worker needs it, with the order already made for it, if any: its status
   * and reason, whether it was issued tickets, and whether its event is still on sale.
   */
  public record Payment(UUID id, UUID holdId, UUID userId, UUID eventId, PaymentStatus status,
      long amountCents, String currency, String provider, String intentId, UUID orderId,
      OrderStatus orderStatus, String orderReason, boolean ticketed, boolean eventOnSale) {
    /** True when the money went through Stripe, which must be asked to give it back. */
    public boolean viaStripe() {
      return "stripe".equals(provider) && intentId != null;
    }

    public boolean refunded() {
      return orderStatus == OrderStatus.REFUNDED;
    }
  }

  /** One ticket to issue: a slot of a section, and its seat ID for reserved seating. */
  public record Ticket(String sectionId, int slot, String seat) {}

  static final String TICKETS_LIVE_SLOT = "tickets_live_slot";
  private static final String UNIQUE_VIOLATION = "23505";
  private static final String CHECK_VIOLATION = "23514";
  /** V22's trigger: a live ticket's slot must be a place of its section. */
  static final String TICKETS_SLOT_IN_SECTION = "tickets_slot_in_section";
  private static final String ORDERS_PAYMENT_KEY = "orders_payment_id_key";
  private static final String ORDERS_HOLD_KEY = "orders_hold_id_key";

  private static final String PAYMENT = "select p.id, p.hold_id, p.user_id, p.event_id, "
      + "p.status, p.amount_cents, p.currency, p.provider, p.intent_id, o.id as order_id, "
      + "o.status as order_status, o.reason as order_reason, "
      + "exists (select 1 from tickets t where t.order_id = o.id) as ticketed, "
      + "e.status in (" + EventStatus.SELLING + ") as event_on_sale from payments p "
      + "left join orders o on o.payment_id = p.id left join events e on e.id = p.event_id "
      + "where p.id = $1";
  private static final String INSERT_ORDER = "insert into orders (id, payment_id, hold_id, "
      + "user_id, event_id, status, amount_cents, currency, reason) "
      + "values ($1, $2, $3, $4, $5, $6, $7, $8, $9)";
  /** Without a code: it is signed after the commit (TicketCodes.ensureSigned). */
  private static final String INSERT_TICKET = "insert into tickets (id, order_id, event_id, "
      + "section_id, slot, seat, holder_id, status) "
      + "values ($1, $2, $3, $4, $5, $6, $7, " + TicketStatus.VALID.sql() + ")";
  /** A payment refunded through us or at Stripe is refunded in full (the rest of any part). */
  private static final String SETTLE_PAYMENT = "update payments set status = $2, "
      + "refund_id = coalesce($3, refund_id), refunded_cents = case when $2 = "
      + PaymentStatus.REFUNDED.sql() + " "
      + "then amount_cents else refunded_cents end, updated_at = now() where id = $1";
  /** Stripe reports running totals, in any order: the largest one is the amount so far. */
  private static final String PARTLY_REFUNDED = "update payments set refunded_cents = $2 "
      + "where id = $1 and status <> " + PaymentStatus.REFUNDED.sql()
      + " and refunded_cents < $2";
  /** Shares the event's row lock with other settlements; a cancel waits for them to commit. */
  private static final String EVENT_STATUS =
      "select status from events where id = $1 for share";
  private static final String REFUND_ORDER = "update orders set status = "
      + OrderStatus.REFUNDED.sql() + ", reason = $2 where id = $1 and status = "
      + OrderStatus.CONFIRMED.sql() + " returning payment_id, hold_id, "
      + "event_id";
  private static final String VOID_TICKETS =
      "update tickets set status = "
      + TicketStatus.VOID.sql() + " where order_id = $1 and status <> " + TicketStatus.VOID.sql()
      + " returning id, version, event_id";
  /**
   * A success is final; a cancel is final but for a success (Stripe cannot cancel a paid
   * intent, so one arriving after a cancel was queued earlier): a decline changes neither.
   */
  private static final String FAIL_PAYMENT = "update payments set status = $2, "
      + "updated_at = now() where id = $1 and status not in ("
      + Stored.sql(PaymentStatus.SUCCEEDED, PaymentStatus.REFUNDED) + ") and not (status = "
      + PaymentStatus.CANCELED.sql() + " and $2 = " + PaymentStatus.FAILED.sql() + ") returning hold_id";

  /** The reason a refund records when its event was cancelled. */
  public static final String EVENT_CANCELLED = "event-cancelled";

  private final Pool pool;

  public OrderLedger(Pool pool) {
    this.pool = pool;
  }

  /** The payment, or null when there is no such payment. */
  public Future<Payment> payment(UUID paymentId) {
    return pool.preparedQuery(PAYMENT).execute(Tuple.of(paymentId))
        .map(rows -> rows.size() == 0 ? null : payment(rows.iterator().next()));
  }

  /**
   * Records a confirmed order with one valid ticket per slot and marks the payment succeeded,
   * all or nothing.
   */
  public Future<Outcome> confirm(Payment payment, UUID orderId, List<Ticket> issued,
      String requestId) {
    List<Tuple> tickets = new ArrayList<>(issued.size());
    for (Ticket t : issued) {
      tickets.add(Tuple.of(UUID.randomUUID(), orderId, payment.eventId(), t.sectionId(),
          t.slot(), t.seat(), payment.userId()));
    }
    return pool.withTransaction(conn -> conn.preparedQuery(EVENT_STATUS)
            .execute(Tuple.of(payment.eventId()))
            .compose(rows -> rows.size() > 0
                && EventStatus.of(rows.iterator().next().getString("status")) == EventStatus.CANCELLED
                ? Future.succeededFuture(Outcome.EVENT_CANCELLED)
                : settle(conn, payment, orderId, OrderStatus.CONFIRMED, null,
                    PaymentStatus.SUCCEEDED, null,
                    new OrderEvent.Confirmed(orderId, payment.id(), payment.holdId(),
                        payment.eventId()),
                    c -> tickets.isEmpty() ? Future.succeededFuture()
                        : c.preparedQuery(INSERT_TICKET).executeBatch(tickets).mapEmpty(),
                    requestId)))
        .recover(OrderLedger::settled);
  }

  /**
   * Records a refunded order without tickets and marks the payment refunded, with the
   * provider's refund ID (null for the simulated provider).
   */
  public Future<Outcome> refund(Payment payment, UUID orderId, String reason, String refundId,
      String requestId) {
    return pool.withTransaction(conn -> settle(conn, payment, orderId, OrderStatus.REFUNDED,
            reason, PaymentStatus.REFUNDED, refundId, new OrderEvent.Refunded(orderId, payment.id(),
                payment.holdId(), payment.eventId(), reason), c -> Future.succeededFuture(),
            requestId))
        .recover(OrderLedger::settled);
  }

  /**
   * Refunds a confirmed order: the order becomes refunded with {@code reason}, its tickets
   * void, its payment refunded, in one transaction. Answers the payment (with the order's ID),
   * or null when the order is not confirmed (unknown, or refunded already).
   */
  public Future<Payment> refundOrder(UUID orderId, String reason, String refundId,
      String requestId) {
    return pool.withTransaction(conn -> conn.preparedQuery(REFUND_ORDER)
        .execute(Tuple.of(orderId, reason))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.succeededFuture(null);
          }
          UUID paymentId = rows.iterator().next().getUUID("payment_id");
          return conn.preparedQuery(VOID_TICKETS).execute(Tuple.of(orderId))
              .compose(voided -> Revocations.add(conn, revoked(voided), revocation(reason)))
              .compose(revoked -> conn.preparedQuery(SETTLE_PAYMENT)
                  .execute(Tuple.of(paymentId, PaymentStatus.REFUNDED.stored(), refundId)))
              .compose(settled -> conn.preparedQuery(PAYMENT).execute(Tuple.of(paymentId)))
              .map(found -> payment(found.iterator().next()))
              .compose(payment -> announce(conn, new OrderEvent.Refunded(orderId, payment.id(),
                  payment.holdId(), payment.eventId(), reason), requestId)
                  .map(payment));
        }));
  }

  /**
   * Marks a payment failed (a declined attempt) or canceled unless it is already settled (or,
   * for a decline, canceled); answers its hold, or null when the payment is unknown or was
   * settled (its seats are sold or refunded). Only a cancel gives that hold back.
   */
  public Future<UUID> markFailed(UUID paymentId, PaymentStatus status) {
    return pool.preparedQuery(FAIL_PAYMENT).execute(Tuple.of(paymentId, status.stored()))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getUUID("hold_id"));
  }

  /**
   * Records that {@code cents} of the payment are refunded so far (less than all of it): its
   * order and tickets stand. False when a larger amount was recorded already, or the payment is
   * refunded in full.
   */
  public Future<Boolean> partlyRefunded(UUID paymentId, long cents) {
    return pool.preparedQuery(PARTLY_REFUNDED).execute(Tuple.of(paymentId, cents))
        .map(rows -> rows.rowCount() > 0);
  }

  private interface Step {
    Future<Void> run(SqlConnection conn);
  }

  private static Future<Outcome> settle(SqlConnection conn, Payment payment, UUID orderId,
      OrderStatus orderStatus, String reason, PaymentStatus paymentStatus, String refundId,
      OrderEvent announced, Step tickets, String requestId) {
    Tuple order = Tuple.of(orderId, payment.id(), payment.holdId(), payment.userId(),
        payment.eventId(), orderStatus.stored(), payment.amountCents(), payment.currency(), reason);
    return conn.preparedQuery(INSERT_ORDER).execute(order)
        .compose(inserted -> tickets.run(conn))
        .compose(done -> conn.preparedQuery(SETTLE_PAYMENT)
            .execute(Tuple.of(payment.id(), paymentStatus.stored(), refundId)))
        .compose(done -> announce(conn, announced, requestId))
        .map(Outcome.RECORDED);
  }

  /** The outcome's event, into the outbox of the settling transaction. */
  private static Future<Void> announce(SqlConnection conn, OrderEvent event,
      String requestId) {
    return Outbox.add(conn, Topics.ORDERS, event.eventId().toString(),
        OrdersTopic.encode(event), requestId);
  }

  /** A violation means another delivery settled the payment, or a sale that must not stand. */
  private static Future<Outcome> settled(Throwable failure) {
    Outcome outcome = outcomeOf(failure);
    return outcome == null ? Future.failedFuture(failure) : Future.succeededFuture(outcome);
  }

  /**
   * The outcome a unique violation stands for, or a ticket outside its section (which the grid
   * must never sell, so it is refused like a double sale and refunded, never retried forever);
   * null for any other failure.
   */
  private static Outcome outcomeOf(Throwable failure) {
    if (!(failure instanceof PgException pg)) {
      return null;
    }
    String constraint = pg.getConstraint();
    if (CHECK_VIOLATION.equals(pg.getSqlState())
        && TICKETS_SLOT_IN_SECTION.equals(constraint)) {
      return Outcome.DOUBLE_SALE;
    }
    if (!UNIQUE_VIOLATION.equals(pg.getSqlState())) {
      return null;
    }
    if (TICKETS_LIVE_SLOT.equals(constraint)) {
      return Outcome.DOUBLE_SALE;
    }
    if (ORDERS_PAYMENT_KEY.equals(constraint) || ORDERS_HOLD_KEY.equals(constraint)) {
      return Outcome.ALREADY_RECORDED;
    }
    return null;
  }

  /** The voided tickets' versions, whose codes now admit no one. */
  private static List<Revocations.Revoked> revoked(RowSet<Row> voided) {
    List<Revocations.Revoked> list = new ArrayList<>(voided.size());
    voided.forEach(r -> list.add(new Revocations.Revoked(r.getUUID("id"), r.getInteger("version"),
        r.getUUID("event_id"))));
    return list;
  }

  /** A refund because the event was cancelled is listed as such; any other as a refund. */
  private static Revocation revocation(String reason) {
    return EVENT_CANCELLED.equals(reason) ? Revocation.CANCELLED : Revocation.REFUNDED;
  }

  private static Payment payment(Row r) {
    return new Payment(r.getUUID("id"), r.getUUID("hold_id"), r.getUUID("user_id"),
        r.getUUID("event_id"), PaymentStatus.of(r.getString("status")), r.getLong("amount_cents"),
        r.getString("currency"), r.getString("provider"), r.getString("intent_id"),
        r.getUUID("order_id"), OrderStatus.of(r.getString("order_status")), r.getString("order_reason"),
        r.getBoolean("ticketed"), Boolean.TRUE.equals(r.getBoolean("event_on_sale")));
  }
}
