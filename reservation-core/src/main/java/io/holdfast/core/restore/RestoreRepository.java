package io.holdfast.core.restore;

import io.holdfast.ledger.TicketStatus;
import io.holdfast.ledger.OrderStatus;
import io.holdfast.catalog.EventStatus;
import io.holdfast.contracts.core.LoadEvent;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** What a rebuild of the grid's inventory reads: the events on sale, and what they sold. */
public final class RestoreRepository {
  private static final String SELLING = "select id from events "
      + "where status in (" + EventStatus.SELLING + ") order by published_at nulls last, id";
  /** Per confirmed order and section, the slots of its live tickets. */
  private static final String SOLD = "select o.hold_id, o.user_id, t.section_id, "
      + "array_agg(t.slot order by t.slot) as slots, min(o.created_at) as created_at "
      + "from orders o join tickets t on t.order_id = o.id "
      + "where o.event_id = $1 and o.status = " + OrderStatus.CONFIRMED.sql()
      + " and t.status <> " + TicketStatus.VOID.sql() + " "
      + "group by o.hold_id, o.user_id, t.section_id";

  private final Pool pool;

  public RestoreRepository(Pool pool) {
    this.pool = pool;
  }

  public Future<List<UUID>> sellingEvents() {
    return pool.query(SELLING).execute().map(rows -> {
      List<UUID> ids = new ArrayList<>(rows.size());
      rows.forEach(r -> ids.add(r.getUUID("id")));
      return ids;
    });
  }

  /** The event's sold holds, per section: what the core's rebuild restores. */
  public Future<List<LoadEvent.SoldHold>> sold(UUID eventId) {
    return pool.preparedQuery(SOLD).execute(Tuple.of(eventId)).map(rows -> {
      List<LoadEvent.SoldHold> sold = new ArrayList<>(rows.size());
      for (Row r : rows) {
        sold.add(new LoadEvent.SoldHold(r.getUUID("hold_id").toString(),
            r.getUUID("user_id").toString(), r.getString("section_id"),
            List.of(r.getArrayOfIntegers("slots")),
            r.getOffsetDateTime("created_at").toInstant().toString()));
      }
      return sold;
    });
  }
}
