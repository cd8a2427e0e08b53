package io.holdfast.edge.store;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Events and their sections in PostgreSQL. Events travel as JSON in API.md's shape. */
public final class EventRepository {
  private static final String EVENT_COLUMNS = "id, organizer_id, name, description, category, "
      + "venue, starts_at, ends_at, sales_start_at, sales_end_at, currency, max_per_buyer, "
      + "hold_seconds, status";

  private final Pool pool;

  public EventRepository(Pool pool) {
    this.pool = pool;
  }

  /** Inserts a draft with its sections in one transaction. */
  public Future<JsonObject> insert(UUID organizerId, JsonObject e) {
    UUID id = UUID.randomUUID();
    return pool.withTransaction(conn -> conn.preparedQuery("insert into events (" + EVENT_COLUMNS
                + ") values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 'draft')")
            .execute(Tuple.tuple(List.of(id, organizerId, e.getString("name"),
                e.getString("description"), e.getString("category"), e.getString("venue"),
                time(e, "startsAt"), time(e, "endsAt"), time(e, "salesStartAt"),
                time(e, "salesEndAt"), e.getString("currency"), e.getInteger("maxPerBuyer"),
                e.getInteger("holdSeconds"))))
            .compose(ignored -> {
              List<Tuple> rows = new ArrayList<>();
              JsonArray sections = e.getJsonArray("sections");
              for (int i = 0; i < sections.size(); i++) {
                JsonObject s = sections.getJsonObject(i);
                rows.add(Tuple.of(id, s.getString("id"), i, s.getString("name"),
                    s.getString("kind"), s.getLong("priceCents"), s.getInteger("capacity"),
                    s.getInteger("shards"), s.getJsonArray("rows")));
              }
              return conn.preparedQuery("insert into sections (event_id, id, position, name, "
                  + "kind, price_cents, capacity, shards, rows) "
                  + "values ($1, $2, $3, $4, $5, $6, $7, $8, $9)")
                  .executeBatch(rows);
            }))
        .compose(ignored -> byId(id));
  }

  public Future<JsonObject> byId(UUID id) {
    return pool.preparedQuery("select " + EVENT_COLUMNS + " from events where id = $1")
        .execute(Tuple.of(id))
        .compose(rs -> rs.size() == 0 ? Future.succeededFuture(null)
            : withSections(event(rs.iterator().next())));
  }

  public Future<Boolean> markOnSale(UUID id) {
    return pool.preparedQuery("update events set status = 'on_sale', published_at = now() "
            + "where id = $1 and status = 'draft'")
        .execute(Tuple.of(id)).map(rs -> rs.rowCount() == 1);
  }

  /**
   * Public events (on sale, sold out, ended) by start time, a page after {@code cursor}
   * ({@code startsAt|id} of the last one seen).
   */
  public Future<List<JsonObject>> listPublic(String status, Instant afterStart, UUID afterId,
      int limit) {
    return pool.preparedQuery("select " + EVENT_COLUMNS + " from events "
            + "where status = any($1) and (starts_at, id) > ($2, $3) "
            + "order by starts_at, id limit $4")
        .execute(Tuple.of(status == null ? new String[] {"on_sale", "sold_out", "ended"}
                : new String[] {status},
            OffsetDateTime.ofInstant(afterStart, ZoneOffset.UTC), afterId, limit))
        .map(EventRepository::events);
  }

  private Future<JsonObject> withSections(JsonObject event) {
    return pool.preparedQuery("select id, name, kind, price_cents, capacity, shards, rows "
            + "from sections where event_id = $1 order by position")
        .execute(Tuple.of(UUID.fromString(event.getString("id"))))
        .map(rs -> {
          JsonArray sections = new JsonArray();
          for (Row r : rs) {
            JsonObject section = new JsonObject().put("id", r.getString("id"))
                .put("name", r.getString("name")).put("kind", r.getString("kind"))
                .put("priceCents", r.getLong("price_cents")).put("capacity", r.getInteger("capacity"))
                .put("shards", r.getInteger("shards"));
            Object rows = r.getValue("rows");
            if (rows instanceof JsonArray seatRows) {
              section.put("rows", seatRows);
            }
            sections.add(section);
          }
          return event.put("sections", sections);
        });
  }

  private static List<JsonObject> events(RowSet<Row> rows) {
    List<JsonObject> list = new ArrayList<>();
    rows.forEach(r -> list.add(event(r)));
    return list;
  }

  private static JsonObject event(Row r) {
    return new JsonObject().put("id", r.getUUID("id").toString())
        .put("organizerId", r.getUUID("organizer_id").toString())
        .put("name", r.getString("name")).put("description", r.getString("description"))
        .put("category", r.getString("category")).put("venue", r.getString("venue"))
        .put("startsAt", iso(r, "starts_at")).put("endsAt", iso(r, "ends_at"))
        .put("salesStartAt", iso(r, "sales_start_at")).put("salesEndAt", iso(r, "sales_end_at"))
        .put("currency", r.getString("currency")).put("maxPerBuyer", r.getInteger("max_per_buyer"))
        .put("holdSeconds", r.getInteger("hold_seconds")).put("status", r.getString("status"));
  }

  private static String iso(Row r, String column) {
    return r.getOffsetDateTime(column).toInstant().toString();
  }

  private static OffsetDateTime time(JsonObject e, String field) {
    return OffsetDateTime.ofInstant(Instant.parse(e.getString(field)), ZoneOffset.UTC);
  }
}
