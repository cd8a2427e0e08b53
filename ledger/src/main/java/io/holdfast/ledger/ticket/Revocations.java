package io.holdfast.ledger.ticket;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * {@code ticket_revocations}: the (ticket, version) pairs whose codes admit no one any more,
 * written in the transaction of the change that revoked them. Scanners read an event's list
 * after a cursor, the sequence number of the last row they have.
 */
public final class Revocations {
  private static final String INSERT = "insert into ticket_revocations (ticket_id, version, "
      + "event_id, reason) values ($1, $2, $3, $4) on conflict (ticket_id, version) do nothing";
  private static final String PAGE = "select seq, ticket_id, version, reason, revoked_at "
      + "from ticket_revocations where event_id = $1 and seq > $2 order by seq limit $3";

  private final Pool pool;

  public Revocations(Pool pool) {
    this.pool = pool;
  }

  /** One revoked version of a ticket. */
  public record Revoked(UUID ticketId, int version, UUID eventId) {}

  /** Records the revocations on {@code conn}: the transaction of the change. */
  public static Future<Void> add(SqlClient conn, List<Revoked> revoked, Revocation reason) {
    if (revoked.isEmpty()) {
      return Future.succeededFuture();
    }
    List<Tuple> rows = new ArrayList<>(revoked.size());
    revoked.forEach(r -> rows.add(Tuple.of(r.ticketId(), r.version(), r.eventId(),
        reason.stored())));
    return conn.preparedQuery(INSERT).executeBatch(rows).mapEmpty();
  }

  /**
   * The event's revocations after {@code after} (0: from the start), at most {@code limit}:
   * {@code {revocations: [{ticketId, version, reason, revokedAt}], next}}, where {@code next}
   * is the cursor to ask after next time (the same one when nothing was new).
   */
  public Future<JsonObject> page(UUID eventId, long after, int limit) {
    return pool.preparedQuery(PAGE).execute(Tuple.of(eventId, after, limit)).map(rows -> {
      JsonArray list = new JsonArray();
      long next = after;
      for (Row r : rows) {
        next = r.getLong("seq");
        list.add(new JsonObject().put("ticketId", r.getUUID("ticket_id").toString())
            .put("version", r.getInteger("version")).put("reason", r.getString("reason"))
            .put("revokedAt", r.getOffsetDateTime("revoked_at").toInstant().toString()));
      }
      return new JsonObject().put("revocations", list).put("next", String.valueOf(next));
    });
  }
}
