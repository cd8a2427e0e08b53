package io.holdfast.edge.routes;

import io.holdfast.contracts.problem.Problems;
import io.holdfast.edge.auth.Caller;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.UUID;

/** Who may manage an event: its organizer and admins. To anyone else it does not exist. */
final class EventAccess {
  private EventAccess() {}

  static boolean mayManage(Caller caller, JsonObject event) {
    return caller != null && (caller.has(Caller.ADMIN)
        || caller.id().equals(event.getString("organizerId")));
  }

  /** The event, with its sections, if {@code caller} may manage it; otherwise a 404. */
  static Future<JsonObject> managed(Edge edge, Caller caller, UUID id) {
    return edge.events().byId(id).compose(event -> event == null || !mayManage(caller, event)
        ? Future.failedFuture(Problems.notFound("Event " + id).toException())
        : Future.succeededFuture(event));
  }
}
