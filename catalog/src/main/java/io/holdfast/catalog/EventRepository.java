package io.holdfast.catalog;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/** Events and their sections in PostgreSQL. Events travel as JSON in API.md's shape. */
public final class EventRepository {
  private static final String EVENT_COLUMNS = "id, organizer_id, name, description, category, "
      + "venue, starts_at, ends_at, sales_start_at, sales_end_at, currency, max_per_buyer, "
      + "hold_seconds, status, transfers_allowed, transfer_deadline, rotating_codes";

  private final Pool pool;

  public EventRepository(Pool pool) {
    this.pool = pool;
  }

  /** Inserts a draft with its sections in one transaction. */
  public Future<JsonObject> insert(UUID organizerId, JsonObject e) {
    UUID id = UUID.randomUUID();
    return pool.withTransaction(conn -> conn.preparedQuery("insert into events (" + EVENT_COLUMNS
                + ") values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, "
                + EventStatus.DRAFT.sql() + ", $14, $15, $16)")
            .execute(Tuple.tuple(java.util.Arrays.asList(id, organizerId, e.getString("name"),
                e.getString("description"), e.getString("category"), e.getString("venue"),
                time(e, "startsAt"), time(e, "endsAt"), time(e, "salesStartAt"),
                time(e, "salesEndAt"), e.getString("currency"), e.getInteger("maxPerBuyer"),
                e.getInteger("holdSeconds"), transfersAllowed(e), deadline(e),
                rotatingCodes(e))))
            .compose(ignored -> insertSections(conn, id, e.getJsonArray("sections"))))
        .compose(ignored -> byId(id));
  }

  private static Future<?> insertSections(SqlConnection conn, UUID id, JsonArray sections) {
    List<Tuple> rows = new ArrayList<>();
    for (int i = 0; i < sections.size(); i++) {
      JsonObject s = sections.getJsonObject(i);
      rows.add(Tuple.of(id, s.getString("id"), i, s.getString("name"), s.getString("kind"),
          s.getLong("priceCents"), s.getInteger("capacity"), s.getInteger("shards"),
          s.getJsonArray("rows")));
    }
    return conn.preparedQuery("insert into sections (event_id, id, position, name, "
        + "kind, price_cents, capacity, shards, rows) "
        + "values ($1, $2, $3, $4, $5, $6, $7, $8, $9)")
        .executeBatch(rows);
  }

  /**
   * Replaces a draft's fields and sections with {@code e} (a whole, validated event body), in
   * one transaction; false when the event is no longer a draft.
   */
  public Future<Boolean> replaceDraft(UUID id, JsonObject e) {
    return pool.withTransaction(conn -> conn.preparedQuery("update events set name = $2, "
                + "description = $3, category = $4, venue = $5, starts_at = $6, ends_at = $7, "
                + "sales_start_at = $8, sales_end_at = $9, currency = $10, max_per_buyer = $11, "
                + "hold_seconds = $12, transfers_allowed = $13, transfer_deadline = $14, "
                + "rotating_codes = $15 where id = $1 and status = " + EventStatus.DRAFT.sql())
            .execute(Tuple.tuple(java.util.Arrays.asList(id, e.getString("name"),
                e.getString("description"), e.getString("category"), e.getString("venue"),
                time(e, "startsAt"), time(e, "endsAt"), time(e, "salesStartAt"),
                time(e, "salesEndAt"), e.getString("currency"), e.getInteger("maxPerBuyer"),
                e.getInteger("holdSeconds"), transfersAllowed(e), deadline(e),
                rotatingCodes(e))))
            .compose(updated -> updated.rowCount() == 0 ? Future.succeededFuture(false)
                : conn.preparedQuery("delete from sections where event_id = $1")
                    .execute(Tuple.of(id))
                    .compose(deleted -> insertSections(conn, id, e.getJsonArray("sections")))
                    .map(true)));
  }

  /**
   * Changes what may change after publishing (text fields and the end of sales) while the
   * event is on sale or sold out. {@code beforeCommit} gets the row as it will commit, with the
   * row locked; its failure rolls the change back. Answers that row, or null when the event is
   * in neither state.
   */
  public Future<JsonObject> updatePublished(UUID id, JsonObject e,
      Function<JsonObject, Future<?>> beforeCommit) {
    return pool.withTransaction(conn -> conn.preparedQuery("update events set name = $2, "
                + "description = $3, category = $4, venue = $5, sales_end_at = $6, "
                + "transfers_allowed = $7, transfer_deadline = $8, rotating_codes = $9 "
                + "where id = $1 and status in (" + EventStatus.SELLING + ")")
            .execute(Tuple.tuple(java.util.Arrays.asList(id, e.getString("name"),
                e.getString("description"), e.getString("category"), e.getString("venue"),
                time(e, "salesEndAt"), transfersAllowed(e), deadline(e),
                rotatingCodes(e))))
            .compose(updated -> updated.rowCount() == 0 ? Future.succeededFuture(null)
                : byId(conn, id).compose(row -> beforeCommit.apply(row).map(row))));
  }

  /** What publishing found: the status before (null: no such event) and the event now. */
  public record Published(EventStatus previousStatus, JsonObject event) {
    public boolean published() {
      return previousStatus == EventStatus.DRAFT;
    }
  }

  /**
   * Publishes a draft, all or nothing: with the row locked, marks it on sale and hands the
   * event as it will commit (sections included) to {@code load}, whose failure rolls it back.
   * A draft edit, a cancel or another publish of the event waits for the lock, so the grid is
   * loaded with exactly what commits. An event that is no draft is left alone.
   */
  public Future<Published> publish(UUID id, Function<JsonObject, Future<?>> load) {
    return pool.withTransaction(conn -> conn.preparedQuery("select status from events "
            + "where id = $1 for update").execute(Tuple.of(id))
        .compose(found -> {
          EventStatus status = found.size() == 0 ? null
              : EventStatus.of(found.iterator().next().getString("status"));
          if (status != EventStatus.DRAFT) {
            return Future.succeededFuture(new Published(status, null));
          }
          return conn.preparedQuery("update events set status = " + EventStatus.ON_SALE.sql()
                  + ", published_at = now() where id = $1").execute(Tuple.of(id))
              .compose(updated -> byId(conn, id))
              .compose(event -> load.apply(event).map(new Published(status, event)));
        }));
  }

  /**
   * What cancelling found: the status before, the end of sales now (null: not cancelled), and
   * how many refunds it requested.
   */
  public record Cancelled(EventStatus previousStatus, Instant salesEndAt, int refundsRequested) {}

  /** What the core must stop selling: the cancelled row as it will commit, with its sections. */
  public record StopSales(Cancelled cancelled, JsonObject event) {}

  /**
   * Cancels a draft, on-sale or sold-out event and ends its sales now (or at their start, if
   * they had not begun), in one transaction. {@code refunds} requests the refunds of the
   * event's orders on that transaction's connection and answers how many (the ledger owns
   * them). {@code stopSales} runs before the commit with the row locked, and gets the row as it
   * will commit; its failure rolls everything back. An event in another state is left alone.
   */
  public Future<Cancelled> cancel(UUID id, Function<SqlClient, Future<Integer>> refunds,
      Function<StopSales, Future<?>> stopSales) {
    return pool.withTransaction(conn -> conn.preparedQuery("select status from events "
            + "where id = $1 for update").execute(Tuple.of(id))
        .compose(found -> {
          EventStatus status = found.size() == 0 ? null
              : EventStatus.of(found.iterator().next().getString("status"));
          if (status != EventStatus.DRAFT && (status == null || !status.selling())) {
            return Future.succeededFuture(new Cancelled(status, null, 0));
          }
          return conn.preparedQuery("update events set status = " + EventStatus.CANCELLED.sql()
                  + ", sales_end_at = "
                  + "greatest(sales_start_at, least(sales_end_at, now())) where id = $1 "
                  + "returning sales_end_at").execute(Tuple.of(id))
              // The refund requests commit with the cancel: none is lost if the edge dies
              // right after. Settling a payment shares a lock on the event's row, so no order
              // is confirmed after this list is taken.
              .compose(rs -> refunds.apply(conn)
                  .map(requested -> new Cancelled(status,
                      rs.iterator().next().getOffsetDateTime("sales_end_at").toInstant(),
                      requested)))
              .compose(cancelled -> byId(conn, id).compose(event -> stopSales.apply(
                  new StopSales(cancelled, event))).map(cancelled));
        }));
  }

  public Future<JsonObject> byId(UUID id) {
    return byId(pool, id);
  }

  /** The event's status alone, or null when there is no such event. */
  public Future<EventStatus> status(UUID id) {
    return pool.preparedQuery("select status from events where id = $1").execute(Tuple.of(id))
        
        .map(rs -> rs.size() == 0 ? null : EventStatus.of(rs.iterator().next().getString("status")));
  }

  /** The event with its sections, read through {@code sql} (a transaction's, to see its own). */
  private static Future<JsonObject> byId(SqlClient sql, UUID id) {
    return sql.preparedQuery("select " + EVENT_COLUMNS + " from events where id = $1")
        .execute(Tuple.of(id))
        .compose(rs -> rs.size() == 0 ? Future.succeededFuture(null)
            : withSections(sql, event(rs.iterator().next())));
  }

  /**
   * The events {@code query} selects, by start time, a page after {@code (afterStart, afterId)},
   * each with {@code capacity}, the sum of its sections'. Only the filters given are in the
   * SQL, so each combination is a prepared statement of its own with a plan that fits it.
   */
  public Future<List<JsonObject>> search(EventQuery query, Instant afterStart, UUID afterId,
      int limit) {
    List<Object> params = new ArrayList<>(List.of(query.statuses().toArray(new String[0]),
        utc(afterStart), afterId));
    StringBuilder sql = new StringBuilder("select ").append(EVENT_COLUMNS)
        .append(", (select coalesce(sum(s.capacity), 0) from sections s where s.event_id = e.id)")
        .append(" as capacity from events e where status = any($1) and (starts_at, id) > ($2, $3)");
    if (query.organizerId() != null) {
      sql.append(" and organizer_id = $").append(add(params, query.organizerId()));
    }
    if (query.ids() != null) {
      sql.append(" and id = any($").append(add(params, query.ids().toArray(new UUID[0])))
          .append(')');
    }
    if (query.q() != null) {
      int n = add(params, "%" + query.q().replace("\\", "\\\\").replace("%", "\\%")
          .replace("_", "\\_") + "%");
      sql.append(" and (name ilike $").append(n).append(" or venue ilike $").append(n)
          .append(" or description ilike $").append(n).append(')');
    }
    if (query.category() != null) {
      sql.append(" and lower(category) = lower($").append(add(params, query.category()))
          .append(')');
    }
    if (query.from() != null) {
      sql.append(" and starts_at >= $").append(add(params, utc(query.from())));
    }
    if (query.to() != null) {
      sql.append(" and starts_at < $").append(add(params, utc(query.to())));
    }
    sql.append(" order by starts_at, id limit $").append(add(params, limit));
    return pool.preparedQuery(sql.toString()).execute(Tuple.from(params))
        .map(rows -> {
          List<JsonObject> list = new ArrayList<>();
          rows.forEach(r -> list.add(event(r).put("capacity", r.getLong("capacity").intValue())));
          return list;
        });
  }

  private static int add(List<Object> params, Object value) {
    params.add(value);
    return params.size();
  }

  /** Ends every on-sale or sold-out event whose end has passed; answers {@code {id, name}}s. */
  public Future<List<JsonObject>> endPast() {
    return pool.preparedQuery("update events set status = " + EventStatus.ENDED.sql()
            + " where status in (" + EventStatus.SELLING + ") and ends_at <= now() returning id, name")
        .execute()
        .map(rows -> {
          List<JsonObject> ended = new ArrayList<>();
          rows.forEach(r -> ended.add(new JsonObject().put("id", r.getUUID("id").toString())
              .put("name", r.getString("name"))));
          return ended;
        });
  }

  /** The IDs of the events on sale or sold out, each with its status. */
  public Future<List<JsonObject>> selling() {
    return pool.preparedQuery("select id, status from events "
            + "where status in (" + EventStatus.SELLING + ")")
        .execute()
        .map(rows -> {
          List<JsonObject> list = new ArrayList<>();
          rows.forEach(r -> list.add(new JsonObject().put("id", r.getUUID("id").toString())
              .put("status", r.getString("status"))));
          return list;
        });
  }

  /** Moves an event from one status to another; false when it was not in {@code from}. */
  public Future<Boolean> moveStatus(UUID id, EventStatus from, EventStatus to) {
    return pool.preparedQuery("update events set status = $3 where id = $1 and status = $2")
        .execute(Tuple.of(id, from.stored(), to.stored())).map(rs -> rs.rowCount() == 1);
  }

  private static Future<JsonObject> withSections(SqlClient sql, JsonObject event) {
    return sql.preparedQuery("select id, name, kind, price_cents, capacity, shards, rows "
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

  private static JsonObject event(Row r) {
    return new JsonObject().put("id", r.getUUID("id").toString())
        .put("organizerId", r.getUUID("organizer_id").toString())
        .put("name", r.getString("name")).put("description", r.getString("description"))
        .put("category", r.getString("category")).put("venue", r.getString("venue"))
        .put("startsAt", iso(r, "starts_at")).put("endsAt", iso(r, "ends_at"))
        .put("salesStartAt", iso(r, "sales_start_at")).put("salesEndAt", iso(r, "sales_end_at"))
        .put("currency", r.getString("currency")).put("maxPerBuyer", r.getInteger("max_per_buyer"))
        .put("holdSeconds", r.getInteger("hold_seconds")).put("status", r.getString("status"))
        .put("transfersAllowed", r.getBoolean("transfers_allowed"))
        .put("transferDeadline", r.getOffsetDateTime("transfer_deadline") == null ? null
            : iso(r, "transfer_deadline"))
        .put("rotatingCodes", r.getBoolean("rotating_codes"));
  }

  /** Transfers are allowed unless the event says otherwise (V23's default). */
  private static boolean transfersAllowed(JsonObject e) {
    return e.getBoolean("transfersAllowed", true);
  }

  private static boolean rotatingCodes(JsonObject e) {
    return e.getBoolean("rotatingCodes", false);
  }

  private static String iso(Row r, String column) {
    return r.getOffsetDateTime(column).toInstant().toString();
  }

  private static OffsetDateTime time(JsonObject e, String field) {
    return utc(Instant.parse(e.getString(field)));
  }

  /** The transfer deadline, or null: until the event starts. */
  private static OffsetDateTime deadline(JsonObject e) {
    return e.getString("transferDeadline") == null ? null : time(e, "transferDeadline");
  }

  private static OffsetDateTime utc(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
