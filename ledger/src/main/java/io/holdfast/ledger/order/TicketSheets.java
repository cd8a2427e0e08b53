package io.holdfast.ledger.order;

import io.holdfast.ledger.OrderStatus;
import io.holdfast.ledger.TicketStatus;
import io.holdfast.support.db.Rows;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Reads what a ticket's printed page shows (its event, section, seat, holder, order and price)
 * from tickets, orders, events, sections and users, for the ticket PDF and QR routes and the
 * order confirmation's attachment. Read-only: the payment-worker writes tickets and orders.
 */
public final class TicketSheets {
  /** One query's columns for each ticket; the joins are by primary keys. */
  private static final String SHEET = "select t.id, t.order_id, t.holder_id, t.status, t.code, "
      + "t.section_id, t.slot, t.seat, e.name as event_name, e.starts_at, e.venue, "
      + "e.currency, s.name as section_name, s.price_cents, u.name as holder_name "
      + "from tickets t join events e on e.id = t.event_id "
      + "join sections s on s.event_id = t.event_id and s.id = t.section_id "
      + "join users u on u.id = t.holder_id ";

  /**
   * One ticket as its page shows it, and what decides whether it may be shown: its status and
   * its code (null for a moment after its order commits, until the code is signed).
   */
  public record Sheet(UUID ticketId, UUID orderId, UUID holderId, TicketStatus status,
      String code, String eventName, Instant startsAt, String venue, String sectionId,
      String sectionName, String seat, int slot, String holderName, long priceCents,
      String currency) {}

  /** An order, and the tickets of it its buyer still holds, by section and place. */
  public record OrderSheets(UUID orderId, UUID userId, OrderStatus status, List<Sheet> tickets) {}

  private final Pool pool;

  public TicketSheets(Pool pool) {
    this.pool = pool;
  }

  /** The ticket, if {@code holderId} holds it (null: whoever holds it); otherwise null. */
  public Future<Sheet> ticket(UUID ticketId, UUID holderId) {
    return pool.preparedQuery(SHEET + "where t.id = $1 and ($2::uuid is null "
            + "or t.holder_id = $2::uuid)")
        .execute(Tuple.of(ticketId, holderId))
        .map(rs -> rs.size() == 0 ? null : sheet(rs.iterator().next()));
  }

  /**
   * The order, if {@code userId} bought it (null: whoever did), with every ticket of it that
   * its buyer still holds, void ones included; otherwise null.
   */
  public Future<OrderSheets> order(UUID orderId, UUID userId) {
    return pool.preparedQuery("select user_id, status from orders where id = $1 "
            + "and ($2::uuid is null or user_id = $2::uuid)")
        .execute(Tuple.of(orderId, userId))
        .compose(rs -> {
          if (rs.size() == 0) {
            return Future.succeededFuture(null);
          }
          Row order = rs.iterator().next();
          UUID buyer = order.getUUID("user_id");
          OrderStatus status = OrderStatus.of(order.getString("status"));
          return pool.preparedQuery(SHEET + "where t.order_id = $1 and t.holder_id = $2 "
                  + "order by t.section_id, t.slot")
              .execute(Tuple.of(orderId, buyer))
              .map(tickets -> new OrderSheets(orderId, buyer, status,
                  Rows.list(tickets, TicketSheets::sheet)));
        });
  }

  private static Sheet sheet(Row r) {
    return new Sheet(r.getUUID("id"), r.getUUID("order_id"), r.getUUID("holder_id"),
        TicketStatus.of(r.getString("status")), r.getString("code"), r.getString("event_name"),
        r.getOffsetDateTime("starts_at").toInstant(), r.getString("venue"),
        r.getString("section_id"), r.getString("section_name"), r.getString("seat"),
        r.getInteger("slot"), r.getString("holder_name"), r.getLong("price_cents"),
        r.getString("currency"));
  }
}
