package io.holdfast.edge.routes;

import io.holdfast.contracts.problem.Problem;
import io.holdfast.documents.SignedLinks;
import io.holdfast.documents.TicketDocuments;
import io.holdfast.documents.TicketDocuments.Document;
import io.holdfast.documents.TicketPdf.PageSize;
import io.holdfast.edge.auth.Authenticator;
import io.holdfast.edge.auth.Caller;
import io.holdfast.edge.http.Paging;
import io.holdfast.edge.http.Reply;
import io.holdfast.edge.http.Responses;
import io.holdfast.ledger.order.TicketSheets.Sheet;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;
import java.util.function.Function;

import static io.holdfast.edge.http.Responses.handle;

/**
 * What a holder carries to the door: a ticket's PDF and QR code, an order's PDF (its tickets
 * that the buyer still holds), made by {@link TicketDocuments}. The holder reads them with a
 * bearer token, or anyone with a signed link ({@link SignedLinks}) until it expires; a link is
 * checked before anything is read, so a bad one learns nothing about the ticket. The holder
 * gets links from {@code GET .../links}. Someone else's ticket or order is a 404.
 */
public final class DocumentRoutes {
  /** Renders a resource (the ID in its path) for a holder, or for anyone when it is null. */
  @FunctionalInterface
  private interface Renderer {
    Future<Document> render(RoutingContext ctx, UUID id, UUID holder);
  }

  private final Edge edge;
  private final TicketDocuments documents;
  private final SignedLinks links;

  public DocumentRoutes(Edge edge, TicketDocuments documents, SignedLinks links) {
    this.edge = edge;
    this.documents = documents;
    this.links = links;
  }

  public void mount(Router router) {
    // The paths are SignedLinks' own, so a link's path and the route's cannot drift apart.
    router.get(SignedLinks.ticketPdf(":ticketId")).handler(ctx -> serve(ctx, "ticketId",
        "Ticket", SignedLinks::ticketPdf, this::ticketPdf));
    router.get(SignedLinks.ticketQr(":ticketId")).handler(ctx -> serve(ctx, "ticketId",
        "Ticket", SignedLinks::ticketQr, this::ticketQr));
    router.get(SignedLinks.orderPdf(":orderId")).handler(ctx -> serve(ctx, "orderId",
        "Order", SignedLinks::orderPdf, this::orderPdf));
    router.get("/v1/tickets/:ticketId/links").handler(edge.auth())
        .handler(handle(this::ticketLinks));
    router.get("/v1/orders/:orderId/links").handler(edge.auth())
        .handler(handle(this::orderLinks));
  }

  /**
   * A signed link's request (it has {@code expires} or {@code sig}) is checked against the
   * path its link was made for and needs no token; any other needs the holder's token.
   */
  private void serve(RoutingContext ctx, String param, String what,
      Function<String, String> pathOf, Renderer renderer) {
    String expires = ctx.request().getParam(SignedLinks.EXPIRES);
    String sig = ctx.request().getParam(SignedLinks.SIG);
    UUID holder = null;
    try {
      if (expires != null || sig != null) {
        String path = pathOf.apply(ctx.pathParam(param));
        switch (links.check(path, expires, sig)) {
          case EXPIRED -> throw Problem.of(410, "link-expired", "Link expired",
              "This link has expired; sign in to get a new one").toException();
          case INVALID -> throw Problem.of(403, "link-invalid", "Link invalid",
              "This link is not one Holdfast made, or it was changed").toException();
          case VALID -> { }
        }
      } else {
        Caller caller = edge.auth().identify(ctx);
        if (caller == null) {
          edge.auth().handle(ctx);
          return;
        }
        holder = UUID.fromString(caller.id());
      }
      UUID id = Paging.uuid(ctx, param, what);
      send(ctx, renderer.render(ctx, id, holder));
    } catch (RuntimeException e) {
      Responses.fail(ctx, e);
    }
  }

  private Future<Document> ticketPdf(RoutingContext ctx, UUID id, UUID holder) {
    return documents.ticketPdf(id, holder, pageSize(ctx));
  }

  private Future<Document> ticketQr(RoutingContext ctx, UUID id, UUID holder) {
    return documents.ticketQr(id, holder);
  }

  private Future<Document> orderPdf(RoutingContext ctx, UUID id, UUID holder) {
    return documents.orderPdf(id, holder, pageSize(ctx));
  }

  /** Signed links to the ticket's PDF and QR code, for the holder to pass on. */
  private Future<Reply> ticketLinks(RoutingContext ctx) {
    UUID id = Paging.uuid(ctx, "ticketId", "Ticket");
    return documents.liveTicket(id, user(ctx)).map(found -> {
      SignedLinks.Link pdf = links.link(SignedLinks.ticketPdf(id));
      return Reply.ok(new JsonObject().put("ticketId", id.toString())
          .put("expiresAt", pdf.expiresAt().toString()).put("pdf", pdf.url())
          .put("qr", links.link(SignedLinks.ticketQr(id), pdf.expiresAt()).url()));
    });
  }

  /** Signed links to the order's PDF and to each of its tickets' PDF and QR code. */
  private Future<Reply> orderLinks(RoutingContext ctx) {
    UUID id = Paging.uuid(ctx, "orderId", "Order");
    return documents.liveTickets(id, user(ctx)).map(held -> {
      SignedLinks.Link pdf = links.link(SignedLinks.orderPdf(id));
      JsonArray tickets = new JsonArray();
      for (Sheet t : held) {
        tickets.add(new JsonObject().put("ticketId", t.ticketId().toString())
            .put("pdf", links.link(SignedLinks.ticketPdf(t.ticketId()), pdf.expiresAt()).url())
            .put("qr", links.link(SignedLinks.ticketQr(t.ticketId()), pdf.expiresAt()).url()));
      }
      return Reply.ok(new JsonObject().put("orderId", id.toString())
          .put("expiresAt", pdf.expiresAt().toString()).put("pdf", pdf.url())
          .put("tickets", tickets));
    });
  }

  /** {@code ?page=a4} or {@code letter}; the configured size without it. */
  private PageSize pageSize(RoutingContext ctx) {
    String asked = ctx.request().getParam("page");
    if (asked == null) {
      return documents.page();
    }
    try {
      return PageSize.of(asked);
    } catch (IllegalArgumentException e) {
      throw Problem.of(422, "validation", "Invalid request", "page must be a4 or letter")
          .with("errors", new JsonArray().add(new JsonObject().put("field", "page")
              .put("message", "must be a4 or letter"))).toException();
    }
  }

  /** A rendered document as the answer: inline, never cached. */
  static void send(RoutingContext ctx, Future<Document> rendered) {
    rendered.onComplete(ar -> {
      if (ar.failed()) {
        Responses.fail(ctx, ar.cause());
        return;
      }
      if (ctx.response().ended()) {
        return;
      }
      Document doc = ar.result();
      ctx.response().setStatusCode(200)
          .putHeader("Content-Type", doc.type())
          .putHeader("Content-Disposition", "inline; filename=\"" + doc.filename() + "\"")
          .putHeader("Cache-Control", "private, no-store")
          .end(Buffer.buffer(doc.bytes()));
    });
  }

  private static UUID user(RoutingContext ctx) {
    return UUID.fromString(Authenticator.caller(ctx).id());
  }
}
