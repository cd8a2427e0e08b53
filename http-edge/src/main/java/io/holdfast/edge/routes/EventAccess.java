package io.holdfast.edge.routes;

import io.holdfast.contracts.problem.Problem;
import io.holdfast.contracts.problem.Problems;
import io.holdfast.edge.auth.Caller;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.UUID;

/**
 * Who may do what with an event: its organizer and admins manage it, the staff its organizer
 * granted work its door. To anyone else it does not exist.
 */
final class EventAccess {
  private EventAccess() {}

  /** What a caller is to one event. */
  enum Level { NONE, STAFF, MANAGER }

  static boolean mayManage(Caller caller, JsonObject event) {
    return caller != null && (caller.has(Caller.ADMIN)
        || caller.id().equals(event.getString("organizerId")));
  }

  /** The event, with its sections, if {@code caller} may manage it; otherwise a 404. */
  static Future<JsonObject> managed(Edge edge, Caller caller, UUID id) {
    return edge.events().byId(id).compose(event -> event == null || !mayManage(caller, event)
        ? Future.failedFuture(notFound(id))
        : Future.succeededFuture(event));
  }

  /** What {@code caller} is to the event; {@link Level#NONE} also when there is no such event. */
  static Future<Level> level(Edge edge, Caller caller, UUID id) {
    return edge.staff().access(id, UUID.fromString(caller.id())).map(access ->
        !access.exists() ? Level.NONE
            : caller.has(Caller.ADMIN) || access.organizerId().toString().equals(caller.id())
                ? Level.MANAGER
            : access.staff() ? Level.STAFF : Level.NONE);
  }

  /** Succeeds if {@code caller} manages the event or is on its staff; otherwise a 404. */
  static Future<Level> staffed(Edge edge, Caller caller, UUID id) {
    return level(edge, caller, id).compose(level -> level == Level.NONE
        ? Future.failedFuture(notFound(id)) : Future.succeededFuture(level));
  }

  /**
   * Succeeds if {@code caller} manages the event. Its staff know it exists and are refused
   * (403); anyone else gets a 404.
   */
  static Future<Void> managing(Edge edge, Caller caller, UUID id) {
    return staffed(edge, caller, id).compose(level -> level == Level.MANAGER
        ? Future.succeededFuture()
        : Future.failedFuture(Problem.of(403, "forbidden", "Forbidden",
            "Only the event's organizer or an admin manages its staff").toException()));
  }

  private static Throwable notFound(UUID id) {
    return Problems.notFound("Event " + id).toException();
  }
}
