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
import java.util.List;
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
