package io.holdfast.edge.routes;

import io.holdfast.contracts.problem.Problems;
import io.holdfast.edge.auth.Authenticator;
import io.holdfast.edge.auth.Caller;
import io.holdfast.edge.http.BodyReader;
import io.holdfast.edge.http.Paging;
import io.holdfast.edge.http.Reply;
import io.holdfast.catalog.EventQuery;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static io.holdfast.edge.http.Responses.handle;

/**
 * An event's door staff, granted and revoked by its organizer (or an admin). A staff member may
 * read the event's attendee list and check its tickets in, and nothing else of it.
 */
public final class StaffRoutes {
  private final Edge edge;

  public StaffRoutes(Edge edge) {
    this.edge = edge;
  }

  public void mount(Router router) {
    router.post("/v1/events/:eventId/staff").handler(edge.auth()).handler(handle(this::grant));
    router.get("/v1/events/:eventId/staff").handler(edge.auth()).handler(handle(this::list));
    router.delete("/v1/events/:eventId/staff/:userId").handler(edge.auth())
        .handler(handle(this::revoke));
    router.get("/v1/me/staff-events").handler(edge.auth()).handler(handle(this::events));
  }

  /**
   * The events the caller is door staff of, soonest first, with the filters of the event list
   * (any status); what the door's start page offers them.
   */
  private Future<Reply> events(RoutingContext ctx) {
    Caller caller = Authenticator.caller(ctx);
    EventQuery query = EventFilters.read(ctx, EventFilters.ALL);
    Paging paging = Paging.of(ctx, true);
    return edge.staff().events(UUID.fromString(caller.id()))
        .compose(ids -> ids.isEmpty() ? Future.succeededFuture(List.<JsonObject>of())
            : edge.events().search(query.withIds(ids), paging.at(), paging.id(),
                paging.limit()))
        .map(events -> Reply.ok(paging.page(EventRoutes.listed(events), "startsAt", "id")));
  }

  /** {@code {email}} of an existing account → 201 with the grant; 200 if it was granted before. */
  private Future<Reply> grant(RoutingContext ctx) {
    Caller caller = Authenticator.caller(ctx);
    UUID eventId = Paging.uuid(ctx, "eventId", "Event");
    BodyReader body = BodyReader.of(ctx.body().buffer()).only(Set.of("email"));
    String email = body.string("email", true, 3, 320);
    body.validate();
    return EventAccess.managing(edge, caller, eventId)
        .compose(ok -> edge.users().byEmail(email))
        .compose(user -> user == null
            ? Future.failedFuture(Problems.notFound("An account with the email " + email)
                .toException())
            : edge.staff().grant(eventId, user.id(), UUID.fromString(caller.id())))
        .map(grant -> grant.created()
            ? Reply.created(grant.member(), "/v1/events/" + eventId + "/staff/"
                + grant.member().getString("userId"))
            : Reply.ok(grant.member()));
  }

  /** The event's staff, earliest grant first. */
  private Future<Reply> list(RoutingContext ctx) {
    UUID eventId = Paging.uuid(ctx, "eventId", "Event");
    Paging paging = Paging.of(ctx, true);
    return EventAccess.managing(edge, Authenticator.caller(ctx), eventId)
        .compose(ok -> edge.staff().list(eventId, paging.at(), paging.id(), paging.limit()))
        .map(members -> Reply.ok(paging.page(members, "grantedAt", "userId")));
  }

  private Future<Reply> revoke(RoutingContext ctx) {
    UUID eventId = Paging.uuid(ctx, "eventId", "Event");
    UUID userId = Paging.uuid(ctx, "userId", "Staff member");
    return EventAccess.managing(edge, Authenticator.caller(ctx), eventId)
        .compose(ok -> edge.staff().revoke(eventId, userId))
        .compose(revoked -> revoked ? Future.succeededFuture(Reply.noContent())
            : Future.failedFuture(Problems.notFound("Staff member " + userId + " of event "
                + eventId).toException()));
  }
}
