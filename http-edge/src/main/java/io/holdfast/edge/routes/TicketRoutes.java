package io.holdfast.edge.routes;

import io.holdfast.contracts.problem.Problem;
import io.holdfast.contracts.problem.Problems;
import io.holdfast.edge.auth.Authenticator;
import io.holdfast.edge.http.BodyReader;
import io.holdfast.edge.http.Paging;
import io.holdfast.edge.http.Reply;
import io.holdfast.edge.http.RequestIds;
import io.holdfast.ledger.ticket.Revocations;
import io.holdfast.ledger.ticket.RotatingCodes;
import io.holdfast.ledger.ticket.TicketChanges;
import io.holdfast.ledger.ticket.TicketChanges.Outcome;
import io.holdfast.documents.TicketDocuments;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import static io.holdfast.edge.http.Responses.handle;

/**
 * What scanners download without a login (an event's ticket keys as a JWKS, its revocations
 * after a cursor) and what a holder does with a ticket's code: reissue it, transfer the ticket,
 * read its rotating code (docs/tickets.md).
 */
public final class TicketRoutes {
  static final int REVOCATIONS_LIMIT = 1000;

  private final Edge edge;
  private final Revocations revocations;
  private final TicketChanges changes;
  private final TicketDocuments documents;

  public TicketRoutes(Edge edge, Revocations revocations, TicketChanges changes,
      TicketDocuments documents) {
    this.edge = edge;
    this.revocations = revocations;
    this.changes = changes;
    this.documents = documents;
  }

  public void mount(Router router) {
    router.get("/v1/events/:eventId/ticket-keys").handler(handle(this::keys));
    router.get("/v1/events/:eventId/revocations").handler(handle(this::revocations));
    router.post("/v1/tickets/:ticketId/reissue").handler(edge.auth()).handler(handle(this::reissue));
    router.post("/v1/tickets/:ticketId/transfer").handler(edge.auth())
        .handler(handle(this::transfer));
    router.get("/v1/tickets/:ticketId/rotating-code").handler(edge.auth())
        .handler(handle(ctx -> rotatingCode(ctx).map(Reply::ok)));
    // The same code as a QR code, for the holder's screen at a door that scans.
    router.get("/v1/tickets/:ticketId/rotating-code.png").handler(edge.auth())
        .handler(ctx -> DocumentRoutes.send(ctx, rotatingCode(ctx).compose(code ->
            documents.codeQr(code.getString("code"), "ticket-" + ctx.pathParam("ticketId")
                + "-live.png"))));
  }

  private Future<Reply> keys(RoutingContext ctx) {
    UUID id = Paging.uuid(ctx, "eventId", "Event");
    return known(id).compose(v -> edge.codes().keys().jwks(id)).map(Reply::ok);
  }

  private Future<Reply> revocations(RoutingContext ctx) {
    UUID id = Paging.uuid(ctx, "eventId", "Event");
    // ?cursor= as on every list; ?after= is its older name.
    String cursor = ctx.request().params().contains("cursor") ? "cursor" : "after";
    long after = number(ctx, cursor, 0, 0, Long.MAX_VALUE, () -> Problem.of(400,
        "invalid-cursor", "Bad cursor", cursor + " must be a cursor this API answered (a whole "
            + "number, 0 to start)"));
    int limit = (int) number(ctx, "limit", REVOCATIONS_LIMIT, 1, REVOCATIONS_LIMIT,
        () -> Problem.of(400, "invalid-limit", "Bad limit", "limit must be a whole number "
            + "from 1 to " + REVOCATIONS_LIMIT));
    return known(id).compose(v -> revocations.page(id, after, limit)).map(Reply::ok);
  }

  /** A new version and code of the caller's valid ticket; the old code is revoked. */
  private Future<Reply> reissue(RoutingContext ctx) {
    UUID id = Paging.uuid(ctx, "ticketId", "Ticket");
    UUID holder = user(ctx);
    return changes.reissue(id, holder).compose(outcome -> refused(outcome, id))
        .compose(v -> edge.codes().ensureSigned(List.of(id)))
        .compose(v -> edge.orders().ticketOf(holder, id))
        .map(Reply::ok);
  }

  /**
   * Gives the ticket to the account with {@code email}, made now (unable to log in until it
   * sets a password) when there is none. Everything that refuses is checked before any account
   * is made, and again in the transfer's transaction. Answers 200 with the ticket as its new
   * holder sees it, without its code and secret, which are the new holder's alone.
   */
  private Future<Reply> transfer(RoutingContext ctx) {
    UUID id = Paging.uuid(ctx, "ticketId", "Ticket");
    UUID holder = user(ctx);
    BodyReader body = BodyReader.of(ctx.body().buffer()).only(Set.of("email"));
    String email = body.string("email", true, 3, 254);
    if (email != null && !AccountRoutes.EMAIL.matcher(email).matches()) {
      body.error("email", "must be an email address");
    }
    body.validate();
    return changes.transferable(id, holder, null, Instant.now())
        .compose(outcome -> refused(outcome, id))
        .compose(v -> edge.users().findOrInvite(email))
        .compose(to -> changes.transfer(id, holder, to.id(), Instant.now(), RequestIds.of(ctx))
            .compose(outcome -> refused(outcome, id))
            .compose(v -> edge.orders().ticketOf(to.id(), id)))
        .map(ticket -> {
          ticket.remove("code");
          ticket.remove("rotatingSecret");
          return Reply.ok(ticket);
        });
  }

  /** The caller's ticket's code of this 15-second step: {@code {code, expiresAt}}. */
  private Future<JsonObject> rotatingCode(RoutingContext ctx) {
    UUID id;
    try {
      id = Paging.uuid(ctx, "ticketId", "Ticket");
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    return edge.orders().ticketOf(user(ctx), id).map(ticket -> {
      if (ticket == null) {
        throw Problems.notFound("Ticket " + id).toException();
      }
      refusedStatus(ticket.getString("status"), id);
      Instant now = Instant.now();
      byte[] secret = Base64.getUrlDecoder().decode(ticket.getString("rotatingSecret"));
      return new JsonObject()
          .put("code", ticket.getString("code") + "." + RotatingCodes.otp(secret, now))
          .put("expiresAt", RotatingCodes.expiresAt(now).toString());
    });
  }

  private Future<Void> known(UUID eventId) {
    return edge.events().byId(eventId).compose(event -> event == null
        ? Future.failedFuture(Problems.notFound("Event " + eventId).toException())
        : Future.succeededFuture());
  }

  /** Succeeds for {@link Outcome#DONE}; anything else is its problem. */
  private static Future<Void> refused(Outcome outcome, UUID id) {
    Problem problem = switch (outcome) {
      case DONE -> null;
      case NOT_FOUND -> Problems.notFound("Ticket " + id);
      case USED -> used(id);
      case VOID -> voided(id);
      case TO_SELF -> Problem.of(422, "transfer-to-self", "Transfer to yourself",
          "Ticket " + id + " is yours already: give another person's email");
      case TRANSFERS_OFF -> Problem.of(409, "transfers-disabled", "Transfers are off",
          "The organizer does not allow tickets of this event to be transferred");
      case PAST_DEADLINE -> Problem.of(409, "transfer-deadline-passed", "Too late to transfer",
          "Tickets of this event could be transferred only until its transfer deadline");
      case CHANGED -> Problem.of(409, "ticket-changed", "Ticket changed",
          "Ticket " + id + " was changed by another request at the same time; read it again");
    };
    return problem == null ? Future.succeededFuture() : Future.failedFuture(problem.toException());
  }

  private static void refusedStatus(String status, UUID id) {
    if ("used".equals(status)) {
      throw used(id).toException();
    }
    if ("void".equals(status)) {
      throw voided(id).toException();
    }
  }

  private static Problem used(UUID id) {
    return Problem.of(409, "ticket-used", "Ticket used",
        "Ticket " + id + " was checked in already; its code cannot change any more");
  }

  private static Problem voided(UUID id) {
    return Problem.of(409, "ticket-void", "Ticket void",
        "Ticket " + id + " is void (refunded); it admits no one");
  }

  /** A whole-number query parameter within bounds; anything else is the {@code refusal}. */
  private static long number(RoutingContext ctx, String param, long fallback, long min, long max,
      Supplier<Problem> refusal) {
    String raw = ctx.request().getParam(param);
    if (raw == null) {
      return fallback;
    }
    try {
      long value = Long.parseLong(raw);
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // Answered below, as out of range is.
    }
    throw refusal.get().with("field", param).toException();
  }

  private static UUID user(RoutingContext ctx) {
    return UUID.fromString(Authenticator.caller(ctx).id());
  }
}
