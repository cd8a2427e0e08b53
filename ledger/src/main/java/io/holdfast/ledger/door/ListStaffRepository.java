package io.holdfast.ledger.door;

import io.holdfast.contracts.problem.Problem;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.UUID;

import static io.holdfast.support.db.Rows.list;

/** Who scans at a check-in list ({@code checkin_list_staff}). */
public final class ListStaffRepository {
  /** The most staff a list has: a list is read with all of them. */
  public static final int MAX_STAFF = 500;
  private static final String MEMBER = "select s.user_id, u.email, u.name, s.added_at "
      + "from checkin_list_staff s join users u on u.id = s.user_id ";

  private final Pool pool;

  public ListStaffRepository(Pool pool) {
    this.pool = pool;
  }

  /** A member of a list's staff, and whether this call added it. */
  public record Added(JsonObject member, boolean created) {}

  /** Adds {@code userId} to the list's staff; adding again answers the first addition. */
  public Future<Added> add(UUID listId, UUID userId, UUID addedBy) {
    return pool.preparedQuery("insert into checkin_list_staff (list_id, user_id, added_by) "
            + "select $1, $2, $3 where (select count(*) from checkin_list_staff "
            + "where list_id = $1) < " + MAX_STAFF + " on conflict (list_id, user_id) do nothing")
        .execute(Tuple.of(listId, userId, addedBy))
        .compose(inserted -> pool.preparedQuery(MEMBER + "where s.list_id = $1 and s.user_id = $2")
            .execute(Tuple.of(listId, userId))
            .compose(rs -> rs.size() == 0
                ? Future.failedFuture(Problem.of(409, "too-many-staff", "Too many staff",
                    "A check-in list has at most " + MAX_STAFF + " staff")
                    .with("maxStaff", MAX_STAFF).toException())
                : Future.succeededFuture(new Added(member(rs.iterator().next()),
                    inserted.rowCount() == 1))));
  }

  /** The list's staff, earliest first. */
  public Future<List<JsonObject>> members(UUID listId) {
    return pool.preparedQuery(MEMBER + "where s.list_id = $1 order by s.added_at, s.user_id")
        .execute(Tuple.of(listId))
        .map(rs -> list(rs, ListStaffRepository::member));
  }

  /** False when {@code userId} was not on the list's staff. */
  public Future<Boolean> remove(UUID listId, UUID userId) {
    return pool.preparedQuery("delete from checkin_list_staff where list_id = $1 and user_id = $2")
        .execute(Tuple.of(listId, userId))
        .map(rs -> rs.rowCount() == 1);
  }

  private static JsonObject member(Row r) {
    return new JsonObject().put("userId", r.getUUID("user_id").toString())
        .put("email", r.getString("email")).put("name", r.getString("name"))
        .put("addedAt", r.getOffsetDateTime("added_at").toInstant().toString());
  }
}
