package io.holdfast.edge.store;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Reads a buyer's orders and tickets (the payment-worker writes them). */
public final class OrderRepository {
  private final Pool pool;

  public OrderRepository(Pool pool) {
    this.pool = pool;
  }

  /** Newest first, a page before {@code (beforeCreated, beforeId)}. */
  public Future<List<JsonObject>> ordersOf(UUID userId, Instant beforeCreated, UUID beforeId,
      int limit) {
    return pool.preparedQuery("select id, event_id, status, amount_cents, currency, reason, "
            + "created_at from orders where user_id = $1 and (created_at, id) < ($2, $3) "
            + "order by created_at desc, id desc limit $4")
        .execute(Tuple.of(userId, utc(beforeCreated), beforeId, limit))
        .map(rs -> {
          List<JsonObject> list = new ArrayList<>();
          rs.forEach(r -> list.add(order(r)));
          return list;
        });
  }

  /** The order with its tickets if {@code userId} owns it, otherwise null. */
  public Future<JsonObject> orderOf(UUID userId, UUID orderId) {
    return pool.preparedQuery("select id, event_id, status, amount_cents, currency, reason, "
            + "created_at from orders where id = $1 and user_id = $2")
        .execute(Tuple.of(orderId, userId))
        .compose(rs -> {
          if (rs.size() == 0) {
            return Future.succeededFuture(null);
          }
          JsonObject order = order(rs.iterator().next());
          return pool.preparedQuery("select * from tickets where order_id = $1 order by slot")
              .execute(Tuple.of(orderId))
              .map(tickets -> {
                JsonArray list = new JsonArray();
                tickets.forEach(t -> list.add(ticket(t)));
                return order.put("tickets", list);
              });
        });
  }

  public Future<List<JsonObject>> ticketsOf(UUID userId, Instant beforeCreated, UUID beforeId,
      int limit) {
    return pool.preparedQuery("select * from tickets where holder_id = $1 "
            + "and (created_at, id) < ($2, $3) order by created_at desc, id desc limit $4")
        .execute(Tuple.of(userId, utc(beforeCreated), beforeId, limit))
        .map(rs -> {
          List<JsonObject> list = new ArrayList<>();
          rs.forEach(r -> list.add(ticket(r)));
          return list;
        });
  }

  /**
   * An event's attendee list: its orders oldest first, a page after {@code (afterCreated,
   * afterId)}, each with its buyer and tickets (without their codes, which are the holder's).
   */
  public Future<List<JsonObject>> attendees(UUID eventId, String status, Instant afterCreated,
      UUID afterId, int limit) {
    return pool.preparedQuery("select o.id, o.event_id, o.status, o.amount_cents, o.currency, "
            + "o.reason, o.created_at, u.id as buyer_id, u.name as buyer_name, "
            + "u.email as buyer_email from orders o join users u on u.id = o.user_id "
            + "where o.event_id = $1 and ($2::text is null or o.status = $2) "
            + "and (o.created_at, o.id) > ($3, $4) order by o.created_at, o.id limit $5")
        .execute(Tuple.of(eventId, status, utc(afterCreated), afterId, limit))
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

  /** An event's confirmed orders by ID, a page after {@code afterId}: what a cancel refunds. */
  public Future<List<JsonObject>> confirmedOf(UUID eventId, UUID afterId, int limit) {
    return pool.preparedQuery("select id, payment_id, hold_id, user_id, amount_cents, currency "
            + "from orders where event_id = $1 and status = 'confirmed' and id > $2 "
            + "order by id limit $3")
        .execute(Tuple.of(eventId, afterId, limit))
        .map(rows -> {
          List<JsonObject> list = new ArrayList<>();
          rows.forEach(r -> list.add(new JsonObject().put("orderId", r.getUUID("id").toString())
              .put("paymentId", r.getUUID("payment_id").toString())
              .put("holdId", r.getUUID("hold_id").toString())
              .put("userId", r.getUUID("user_id").toString())
              .put("amountCents", r.getLong("amount_cents"))
              .put("currency", r.getString("currency"))));
          return list;
        });
  }

  /** Live (not void) tickets per event, for the events given. */
  public Future<Map<String, Integer>> liveTickets(List<UUID> eventIds) {
    return pool.preparedQuery("select event_id, count(*) as sold from tickets "
            + "where event_id = any($1) and status <> 'void' group by event_id")
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
        .put("createdAt", r.getOffsetDateTime("created_at").toInstant().toString());
  }

  private static JsonObject ticket(Row r) {
    return new JsonObject().put("ticketId", r.getUUID("id").toString())
        .put("orderId", r.getUUID("order_id").toString())
        .put("eventId", r.getUUID("event_id").toString())
        .put("sectionId", r.getString("section_id")).put("slot", r.getInteger("slot"))
        .put("seat", r.getString("seat")).put("status", r.getString("status"))
        .put("code", r.getString("code"))
        .put("createdAt", r.getOffsetDateTime("created_at").toInstant().toString());
  }

  private static OffsetDateTime utc(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
