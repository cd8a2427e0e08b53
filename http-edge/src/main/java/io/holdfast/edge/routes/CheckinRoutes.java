package io.holdfast.edge.routes;

import io.holdfast.ledger.TicketStatus;
import io.holdfast.contracts.problem.Problem;
import io.holdfast.edge.auth.Authenticator;
import io.holdfast.edge.auth.Caller;
import io.holdfast.edge.http.BodyReader;
import io.holdfast.edge.http.Reply;
import io.holdfast.ledger.order.OrderRepository.DoorTicket;
import io.holdfast.support.ids.Uuids;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import java.util.UUID;

import static io.holdfast.edge.http.Responses.handle;

/**
 * The door: staff of a ticket's event (or its organizer, or an admin) scan its code and check it
 * in once. A code nobody may scan here is as unknown as a code that does not exist.
 */
public final class CheckinRoutes {
  private final Edge edge;

  public CheckinRoutes(Edge edge) {
    this.edge = edge;
  }

  public void mount(Router router) {
    router.post("/v1/checkins").handler(edge.auth()).handler(handle(this::checkIn));
  }

  /**
   * {@code {code, eventId?}} → 200 {@code {valid: true, ticket}} the first time; 409
   * {@code already-checked-in} (with {@code checkedInAt}) or {@code ticket-void}; 404
   * {@code unknown-ticket}; 422 {@code wrong-event} when the ticket is for another event.
   */
  private Future<Reply> checkIn(RoutingContext ctx) {
    Caller caller = Authenticator.caller(ctx);
    BodyReader body = BodyReader.of(ctx.body().buffer()).only(Set.of("code", "eventId"));
    String code = body.string("code", true, 1, 512);
    UUID eventId = uuid(body, "eventId");
    body.validate();
    return edge.orders().byCode(code, UUID.fromString(caller.id())).compose(found -> {
      if (found == null || !mayScan(caller, found)) {
        return Future.failedFuture(Problem.of(404, "unknown-ticket", "Unknown ticket",
            "No ticket you may check in has this code").toException());
      }
      String ticketEvent = found.ticket().getString("eventId");
      if (eventId != null && !eventId.toString().equals(ticketEvent)) {
        return Future.failedFuture(Problem.of(422, "wrong-event", "Wrong event",
                "This ticket is for event " + ticketEvent + ", not " + eventId)
            .with("ticketEventId", ticketEvent).toException());
      }
      UUID ticketId = UUID.fromString(found.ticket().getString("ticketId"));
      return edge.orders().checkIn(ticketId).compose(scan -> {
        JsonObject ticket = scan.ticket();
        ticket.remove("code");
        if (scan.checkedIn()) {
          return Future.succeededFuture(Reply.ok(new JsonObject().put("valid", true)
              .put("ticket", ticket)));
        }
        if (TicketStatus.of(ticket.getString("status")) == TicketStatus.VOID) {
          return Future.failedFuture(Problem.of(409, "ticket-void", "Ticket void",
              "Ticket " + ticketId + " is void (its order was refunded or cancelled)")
              .toException());
        }
        return Future.failedFuture(Problem.of(409, "already-checked-in", "Already checked in",
                "Ticket " + ticketId + " was checked in at " + ticket.getString("checkedInAt"))
            .with("checkedInAt", ticket.getString("checkedInAt")).with("ticket", ticket)
            .toException());
      });
    });
  }

  private static boolean mayScan(Caller caller, DoorTicket found) {
    return found.staff() || caller.has(Caller.ADMIN)
        || found.organizerId().toString().equals(caller.id());
  }

  /** An optional field that must be a UUID when given. */
  private static UUID uuid(BodyReader body, String field) {
    String raw = body.string(field, false, 1, 64);
    if (raw == null) {
      return null;
    }
    UUID id = Uuids.parse(raw);
    if (id == null) {
      body.error(field, "must be an event ID (a UUID)");
    }
    return id;
  }
}
