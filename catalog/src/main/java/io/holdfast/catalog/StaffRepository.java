package io.holdfast.catalog;

import io.holdfast.support.db.Rows;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An event's door staff: the accounts its organizer granted the staff role for that event. */
public final class StaffRepository {
  private static final String MEMBER = "select s.user_id, u.email, u.name, s.granted_at "
      + "from event_staff s join users u on u.id = s.user_id ";

  private final Pool pool;

  public StaffRepository(Pool pool) {
    this.pool = pool;
  }

  /** What a caller is to an event; {@code exists} false when there is no such event. */
  public record Access(boolean exists, UUID organizerId, boolean staff) {}

  /** The event's organizer and whether {@code userId} is on its staff, in one query. */
  public Future<Access> access(UUID eventId, UUID userId) {
    return pool.preparedQuery("select e.organizer_id, exists (select 1 from event_staff s "
            + "where s.event_id = e.id and s.user_id = $2) as staff from events e where e.id = $1")
        .execute(Tuple.of(eventId, userId))
        .map(rs -> {
          if (rs.size() == 0) {
            return new Access(false, null, false);
          }
          Row r = rs.iterator().next();
          return new Access(true, r.getUUID("organizer_id"), r.getBoolean("staff"));
        });
  }

  /** A granted staff member with the time of the grant, and whether this call made the grant. */
  public record Grant(JsonObject member, boolean created) {}

  /**
   * Grants {@code userId} the staff role for the event. Granting again changes nothing and
   * answers the first grant.
   */
  public Future<Grant> grant(UUID eventId, UUID userId, UUID grantedBy) {
    return pool.preparedQuery("insert into event_staff (event_id, user_id, granted_by) "
            + "values ($1, $2, $3) on conflict (event_id, user_id) do nothing")
        .execute(Tuple.of(eventId, userId, grantedBy))
        .compose(inserted -> pool.preparedQuery(MEMBER
                + "where s.event_id = $1 and s.user_id = $2")
            .execute(Tuple.of(eventId, userId))
            .map(rs -> new Grant(member(rs.iterator().next()), inserted.rowCount() == 1)));
  }

  /** The staff, earliest grant first, a page after {@code (afterGranted, afterUser)}. */
  public Future<List<JsonObject>> list(UUID eventId, Instant afterGranted, UUID afterUser,
      int limit) {
    return pool.preparedQuery(MEMBER + "where s.event_id = $1 and (s.granted_at, s.user_id) > "
            + "($2, $3) order by s.granted_at, s.user_id limit $4")
        .execute(Tuple.of(eventId, Rows.utc(afterGranted), afterUser, limit))
        .map(rs -> Rows.list(rs, StaffRepository::member));
  }

  /** Most events one account is door staff of that {@link #events} answers. */
  public static final int MAX_EVENTS = 1000;

  /**
   * The events {@code userId} is door staff of: their IDs, at most {@link #MAX_EVENTS}, the
   * latest grants first.
   */
  public Future<List<UUID>> events(UUID userId) {
    return pool.preparedQuery("select event_id from event_staff where user_id = $1 "
            + "order by granted_at desc limit $2")
        .execute(Tuple.of(userId, MAX_EVENTS))
        .map(rs -> Rows.list(rs, r -> r.getUUID("event_id")));
  }

  /** Takes the staff role for the event away; false when {@code userId} did not have it. */
  public Future<Boolean> revoke(UUID eventId, UUID userId) {
    return pool.preparedQuery("delete from event_staff where event_id = $1 and user_id = $2")
        .execute(Tuple.of(eventId, userId))
        .map(rs -> rs.rowCount() == 1);
  }

  private static JsonObject member(Row r) {
    return new JsonObject().put("userId", r.getUUID("user_id").toString())
        .put("email", r.getString("email")).put("name", r.getString("name"))
        .put("grantedAt", r.getOffsetDateTime("granted_at").toInstant().toString());
  }
}
