package io.holdfast.ledger.order;

import io.holdfast.ledger.TicketStatus;
import io.holdfast.ledger.OrderStatus;
import io.holdfast.support.db.Rows;
import io.holdfast.ledger.outbox.Outbox;
import io.holdfast.contracts.topic.PaymentEvent;
import io.holdfast.contracts.topic.PaymentsTopic;
import io.holdfast.contracts.Topics;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import io.holdfast.ledger.ticket.TicketCodes;
import java.time.Instant;
import java.util.Base64;
import java.util.function.Supplier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Reads a buyer's orders and tickets (the payment-worker writes them). */
public final class OrderRepository {
  /** The confirmed orders of the event ($1), or only the one order $2 names. */
  private static final String REFUNDABLE = "select o.id, o.payment_id, o.hold_id, o.user_id, "
      + "o.amount_cents, o.currency from orders o where o.event_id = $1 "
      + "and o.status = " + OrderStatus.CONFIRMED.sql() + " and ($2::uuid is null or o.id = $2::uuid)";

  /** How much of an order's payment is refunded so far (a partial refund leaves it confirmed). */
  private static final String REFUNDED_CENTS = "(select p.refunded_cents from payments p "
      + "where p.id = o.payment_id) as refunded_cents";

  private final Pool pool;
  /** Signs a code still missing before a holder sees the ticket; null: read as stored. */
  private final TicketCodes codes;

  public OrderRepository(Pool pool) {
    this(pool, null);
  }

  public OrderRepository(Pool pool, TicketCodes codes) {
    this.pool = pool;
    this.codes = codes;
  }

  /** Newest first, a page before {@code (beforeCreated, beforeId)}. */
  public Future<List<JsonObject>> ordersOf(UUID userId, Instant beforeCreated, UUID beforeId,
      int limit) {
    return pool.preparedQuery("select o.id, o.event_id, o.status, o.amount_cents, o.currency, "
            + "o.reason, o.created_at, " + REFUNDED_CENTS + " from orders o where o.user_id = $1 "
            + "and (o.created_at, o.id) < ($2, $3) order by o.created_at desc, o.id desc "
            + "limit $4")
        .execute(Tuple.of(userId, Rows.utc(beforeCreated), beforeId, limit))
        .map(rs -> Rows.list(rs, OrderRepository::order));
  }

  /** The order with its tickets if {@code userId} owns it, otherwise null. */
  public Future<JsonObject> orderOf(UUID userId, UUID orderId) {
    return pool.preparedQuery("select o.id, o.event_id, o.status, o.amount_cents, o.currency, "
            + "o.reason, o.created_at, " + REFUNDED_CENTS + " from orders o where o.id = $1 "
            + "and o.user_id = $2")
        .execute(Tuple.of(orderId, userId))
        .compose(rs -> {
          if (rs.size() == 0) {
            return Future.succeededFuture(null);
          }
          JsonObject order = order(rs.iterator().next());
          return signed(() -> pool.preparedQuery("select * from tickets where order_id = $1 "
                  + "order by slot").execute(Tuple.of(orderId))
              .map(tickets -> Rows.list(tickets, OrderRepository::holderTicket)))
              .map(tickets -> order.put("tickets", new JsonArray(tickets)));
        });
  }

  public Future<List<JsonObject>> ticketsOf(UUID userId, Instant beforeCreated, UUID beforeId,
      int limit) {
    return signed(() -> pool.preparedQuery("select * from tickets where holder_id = $1 "
            + "and (created_at, id) < ($2, $3) order by created_at desc, id desc limit $4")
        .execute(Tuple.of(userId, Rows.utc(beforeCreated), beforeId, limit))
        .map(rs -> Rows.list(rs, OrderRepository::holderTicket)));
  }

  /** The ticket if {@code holderId} holds it, otherwise null (a 404 for the caller). */
  public Future<JsonObject> ticketOf(UUID holderId, UUID ticketId) {
    return signed(() -> pool.preparedQuery("select * from tickets where id = $1 "
            + "and holder_id = $2").execute(Tuple.of(ticketId, holderId))
        .map(rs -> Rows.list(rs, OrderRepository::holderTicket)))
        .map(list -> list.isEmpty() ? null : list.get(0));
  }

  /**
   * The tickets {@code read} reads, each with its code: a ticket still unsigned (its signing
   * after the commit has not finished, or a crash lost it) is signed first and read again.
   */
  private Future<List<JsonObject>> signed(Supplier<Future<List<JsonObject>>> read) {
    return read.get().compose(tickets -> {
      List<UUID> unsigned = new ArrayList<>();
      tickets.forEach(t -> {
        if (t.getString("code") == null) {
          unsigned.add(UUID.fromString(t.getString("ticketId")));
        }
      });
      return unsigned.isEmpty() || codes == null ? Future.succeededFuture(tickets)
          : codes.ensureSigned(unsigned).compose(done -> read.get());
    });
  }

  /**
   * An event's attendee list: its orders oldest first, a page after {@code (afterCreated,
   * afterId)}, each with its buyer and tickets (without their codes, which are the holder's).
   */
  public Future<List<JsonObject>> attendees(UUID eventId, String status, Instant afterCreated,
      UUID afterId, int limit) {
    return pool.preparedQuery("select o.id, o.event_id, o.status, o.amount_cents, o.currency, "
            + "o.reason, o.created_at, " + REFUNDED_CENTS + ", u.id as buyer_id, "
            + "u.name as buyer_name, "
            + "u.email as buyer_email from orders o join users u on u.id = o.user_id "
            + "where o.event_id = $1 and ($2::text is null or o.status = $2) "
            + "and (o.created_at, o.id) > ($3, $4) order by o.created_at, o.id limit $5")
        .execute(Tuple.of(eventId, status, Rows.utc(afterCreated), afterId, limit))
        .compose(rows -> {
          Map<UUID, JsonObject> orders = new LinkedHashMap<>();
          rows.forEach(r -> orders.put(r.getUUID("id"), order(r).put("buyer", new JsonObject()
                  .put("id", r.getUUID("buyer_id").toString()).put("name", r.getString("buyer_name"))
                  .put("email", r.getString("buyer_email")))
              .put("tickets", new JsonArray())));
          if (orders.isEmpty()) {
            return Future.succeededFuture(List.of());
          }
          return pool.preparedQuery("select id, order_id, section_id, slot, seat, status "
                  + "from tickets where order_id = any($1) order by section_id, slot")
              .execute(Tuple.of(orders.keySet().toArray(new UUID[0])))
              .map(tickets -> {
                tickets.forEach(t -> orders.get(t.getUUID("order_id")).getJsonArray("tickets")
                    .add(new JsonObject().put("ticketId", t.getUUID("id").toString())
                        .put("sectionId", t.getString("section_id"))
                        .put("slot", t.getInteger("slot")).put("seat", t.getString("seat"))
                        .put("status", t.getString("status"))));
                return new ArrayList<>(orders.values());
              });
        });
  }

  /**
   * Requests the refund of the event's confirmed orders, or only of {@code orderId} when it is
   * not null, on {@code client}: a cancel's own transaction, or any connection. Answers how many
   * were requested; the worker refunds each order once, so asking again is harmless.
   * {@code requestId}: the HTTP request that asked, carried by every refund request.
   */
  public static Future<Integer> requestRefunds(SqlClient client, UUID eventId, UUID orderId,
      String reason, String requestedBy, String requestId) {
    String requestedAt = Instant.now().toString();
    return client.preparedQuery(REFUNDABLE).execute(Tuple.of(eventId, orderId))
        .compose(rows -> {
          // One refund.requested record per order for the payment-worker, in one batch.
          List<JsonObject> requests = new ArrayList<>(rows.size());
          for (Row r : rows) {
            requests.add(PaymentsTopic.encode(new PaymentEvent.RefundRequested(r.getUUID("id"),
                r.getUUID("payment_id"), r.getUUID("hold_id"), r.getUUID("user_id"), eventId,
                r.getLong("amount_cents"), r.getString("currency"), reason, requestedBy,
                requestedAt)));
          }
          return Outbox.addAll(client, Topics.PAYMENTS, eventId.toString(), requests,
              requestId).map(requests.size());
        });
  }

  public Future<Integer> requestRefunds(UUID eventId, UUID orderId, String reason,
      String requestedBy, String requestId) {
    return requestRefunds(pool, eventId, orderId, reason, requestedBy, requestId);
  }

  /** An order as its refund is asked for: whose it is, its status, and whose event. */
  public record Refundable(UUID userId, OrderStatus status, UUID eventId, UUID organizerId) {}

  /** The order, if there is one, as its refund is asked for. */
  public Future<Refundable> forRefund(UUID orderId) {
    return pool.preparedQuery("select user_id, status, event_id, "
            + "(select organizer_id from events e where e.id = o.event_id) as organizer_id "
            + "from orders o where id = $1")
        .execute(Tuple.of(orderId))
        .map(rs -> {
          if (rs.size() == 0) {
            return null;
          }
          Row r = rs.iterator().next();
          return new Refundable(r.getUUID("user_id"), OrderStatus.of(r.getString("status")),
              r.getUUID("event_id"), r.getUUID("organizer_id"));
        });
  }

  /** Live (not void) tickets per event, for the events given. */
  public Future<Map<String, Integer>> liveTickets(List<UUID> eventIds) {
    return pool.preparedQuery("select event_id, count(*) as sold from tickets "
            + "where event_id = any($1) and status <> " + TicketStatus.VOID.sql() + " group by event_id")
        .execute(Tuple.of(eventIds.toArray(new UUID[0])))
        .map(rows -> {
          Map<String, Integer> sold = new HashMap<>();
          rows.forEach(r -> sold.put(r.getUUID("event_id").toString(),
              r.getLong("sold").intValue()));
          return sold;
        });
  }

  private static JsonObject order(Row r) {
    return new JsonObject().put("orderId", r.getUUID("id").toString())
        .put("eventId", r.getUUID("event_id").toString()).put("status", r.getString("status"))
        .put("amountCents", r.getLong("amount_cents")).put("currency", r.getString("currency"))
        .put("reason", r.getString("reason"))
        .put("refundedCents", r.getLong("refunded_cents"))
        .put("createdAt", r.getOffsetDateTime("created_at").toInstant().toString());
  }

  /**
   * A ticket as its holder sees it: with its rotating secret, from which an app computes the
   * rotating codes (RotatingCodes); never shown to the event's side or the door.
   */
  static JsonObject holderTicket(Row r) {
    return ticket(r).put("rotatingSecret", Base64.getUrlEncoder().withoutPadding()
        .encodeToString(r.getBuffer("rotating_secret").getBytes()));
  }

  /** A row of {@code tickets} in the API's shape, its code included. */
  public static JsonObject ticket(Row r) {
    return new JsonObject().put("ticketId", r.getUUID("id").toString())
        .put("orderId", r.getUUID("order_id").toString())
        .put("eventId", r.getUUID("event_id").toString())
        .put("sectionId", r.getString("section_id")).put("slot", r.getInteger("slot"))
        .put("seat", r.getString("seat")).put("status", r.getString("status"))
        .put("version", r.getInteger("version")).put("code", r.getString("code"))
        .put("createdAt", r.getOffsetDateTime("created_at").toInstant().toString())
        .put("checkedInAt", Rows.time(r.getOffsetDateTime("checked_in_at")));
  }


}
