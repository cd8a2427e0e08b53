package io.holdfast.ledger.door;

import io.holdfast.contracts.problem.Problem;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** An event's check-in lists ({@code checkin_lists}). */
public final class CheckinListRepository {
  /** The most lists an event has: they are listed whole, without pages. */
  public static final int MAX_LISTS = 100;
  private static final String UNIQUE_VIOLATION = "23505";

  private final Pool pool;

  public CheckinListRepository(Pool pool) {
    this.pool = pool;
  }

  /** Creates the list; a name the event has already is a 409, as is a list past the most. */
  public Future<DoorList> insert(DoorList list) {
    Object[] f = list.fields();
    return pool.preparedQuery("insert into checkin_lists (id, event_id, name, section_ids, "
            + "opens_at, closes_at, reentry) select $1, $2, $3, $4, $5, $6, $7 "
            + "where (select count(*) from checkin_lists where event_id = $2) < " + MAX_LISTS
            + " returning *")
        .execute(Tuple.of(list.id(), list.eventId(), f[0], f[1], f[2], f[3], f[4]))
        .recover(CheckinListRepository::nameTaken)
        .compose(rs -> rs.size() == 1 ? Future.succeededFuture(DoorList.of(rs.iterator().next()))
            : Future.failedFuture(Problem.of(409, "too-many-lists", "Too many check-in lists",
                "An event has at most " + MAX_LISTS + " check-in lists")
                .with("maxLists", MAX_LISTS).toException()));
  }

  /** The event's lists, oldest first, each with how many staff it has. */
  public Future<List<JsonObject>> list(UUID eventId) {
    return pool.preparedQuery("select l.*, (select count(*) from checkin_list_staff s "
            + "where s.list_id = l.id) as staff_count from checkin_lists l where l.event_id = $1 "
            + "order by l.created_at, l.id")
        .execute(Tuple.of(eventId))
        .map(rs -> {
          List<JsonObject> lists = new ArrayList<>(rs.size());
          for (Row r : rs) {
            lists.add(DoorList.of(r).toJson().put("staffCount", r.getLong("staff_count")));
          }
          return lists;
        });
  }

  /** The list if it is one of the event's, otherwise null. */
  public Future<DoorList> byId(UUID eventId, UUID listId) {
    return pool.preparedQuery("select * from checkin_lists where id = $1 and event_id = $2")
        .execute(Tuple.of(listId, eventId))
        .map(rs -> rs.size() == 0 ? null : DoorList.of(rs.iterator().next()));
  }

  /** Writes every field of the list; null when it is not (or no longer) the event's. */
  public Future<DoorList> update(DoorList list) {
    Object[] f = list.fields();
    return pool.preparedQuery("update checkin_lists set name = $3, section_ids = $4, "
            + "opens_at = $5, closes_at = $6, reentry = $7 where id = $1 and event_id = $2 "
            + "returning *")
        .execute(Tuple.of(list.id(), list.eventId(), f[0], f[1], f[2], f[3], f[4]))
        .recover(CheckinListRepository::nameTaken)
        .map(rs -> rs.size() == 0 ? null : DoorList.of(rs.iterator().next()));
  }

  /** What deleting a list came to. */
  public enum Deleted { DELETED, NOT_FOUND, HAS_SCANS }

  /**
   * Deletes a list nothing was scanned at yet: a list with scans stays, because its scans and
   * the refusals of later double scans name it.
   */
  public Future<Deleted> delete(UUID eventId, UUID listId) {
    return pool.preparedQuery("delete from checkin_lists l where l.id = $1 and l.event_id = $2 "
            + "and not exists (select 1 from scans s where s.event_id = l.event_id "
            + "and s.list_id = l.id) returning l.id")
        .execute(Tuple.of(listId, eventId))
        .compose(rs -> rs.size() == 1 ? Future.succeededFuture(Deleted.DELETED)
            : byId(eventId, listId).map(list -> list == null ? Deleted.NOT_FOUND
                : Deleted.HAS_SCANS));
  }

  /** The list with what the scanner is to it and to its event: who may scan there. */
  public record Place(DoorList list, UUID organizerId, boolean listStaff, boolean doorStaff) {}

  /**
   * The list, its event's organizer, whether {@code userId} is on its staff, and whether it
   * works any door of the event (the event's staff, or another list's); null if no such list.
   */
  public Future<Place> place(UUID listId, UUID userId) {
    return pool.preparedQuery("select l.*, e.organizer_id, exists (select 1 from "
            + "checkin_list_staff s where s.list_id = l.id and s.user_id = $2) as list_staff, "
            + "exists (select 1 from event_staff s where s.event_id = l.event_id "
            + "and s.user_id = $2) or exists (select 1 from checkin_list_staff s join "
            + "checkin_lists o on o.id = s.list_id where o.event_id = l.event_id "
            + "and s.user_id = $2) as door_staff "
            + "from checkin_lists l join events e on e.id = l.event_id where l.id = $1")
        .execute(Tuple.of(listId, userId))
        .map(rs -> {
          if (rs.size() == 0) {
            return null;
          }
          Row r = rs.iterator().next();
          return new Place(DoorList.of(r), r.getUUID("organizer_id"), r.getBoolean("list_staff"),
              r.getBoolean("door_staff"));
        });
  }

  private static <T> Future<T> nameTaken(Throwable failure) {
    if (failure instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())) {
      return Future.failedFuture(Problem.of(409, "list-name-taken", "List name taken",
          "The event has a check-in list of this name already").toException());
    }
    return Future.failedFuture(failure);
  }
}
