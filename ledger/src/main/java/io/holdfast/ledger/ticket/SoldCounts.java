package io.holdfast.ledger.ticket;

import io.holdfast.catalog.EventStatus;
import io.holdfast.ledger.TicketStatus;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * What PostgreSQL says is sold: live tickets (not void) per section, of every event on sale or
 * of one. The inventory audit compares them with the grid's counts. Counted through V1's
 * {@code tickets_live_slot}, whose entries are exactly the live tickets.
 */
public final class SoldCounts {
  private static final String FROM = "select e.id as event_id, t.section_id, count(t.id) as sold "
      + "from events e left join tickets t on t.event_id = e.id and t.status <> "
      + TicketStatus.VOID.sql() + " ";
  private static final String SELLING = FROM + "where e.status in (" + EventStatus.SELLING
      + ") group by e.id, t.section_id";
  private static final String ONE = FROM + "where e.id = $1 group by e.id, t.section_id";

  private final Pool pool;

  public SoldCounts(Pool pool) {
    this.pool = pool;
  }

  /** Every event on sale (sold out too) → its sections that sold anything → live tickets. */
  public Future<Map<UUID, Map<String, Integer>>> selling() {
    return pool.query(SELLING).execute().map(SoldCounts::read);
  }

  /** The event's sections that sold anything → live tickets (empty: nothing sold). */
  public Future<Map<String, Integer>> of(UUID eventId) {
    return pool.preparedQuery(ONE).execute(Tuple.of(eventId))
        .map(rows -> read(rows).getOrDefault(eventId, Map.of()));
  }

  private static Map<UUID, Map<String, Integer>> read(RowSet<Row> rows) {
    Map<UUID, Map<String, Integer>> sold = new LinkedHashMap<>();
    for (Row r : rows) {
      Map<String, Integer> sections = sold.computeIfAbsent(r.getUUID("event_id"),
          id -> new HashMap<>());
      String section = r.getString("section_id");
      if (section != null) {
        sections.put(section, r.getLong("sold").intValue());
      }
    }
    return sold;
  }
}
