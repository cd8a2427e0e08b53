package io.holdfast.edge.routes;

import io.holdfast.contracts.problem.Problem;
import io.holdfast.contracts.problem.Problems;
import io.holdfast.documents.QrCodes;
import io.holdfast.documents.RenderPool;
import io.holdfast.documents.SignedLinks;
import io.holdfast.documents.TicketPdf;
import io.holdfast.documents.TicketPdf.PageSize;
import io.holdfast.documents.TicketSheet;
import io.holdfast.edge.auth.Authenticator;
import io.holdfast.edge.auth.Caller;
import io.holdfast.edge.http.Paging;
import io.holdfast.edge.http.Reply;
import io.holdfast.edge.http.Responses;
import io.holdfast.ledger.OrderStatus;
import io.holdfast.ledger.TicketStatus;
import io.holdfast.ledger.order.TicketSheets;
import io.holdfast.ledger.order.TicketSheets.OrderSheets;
import io.holdfast.ledger.order.TicketSheets.Sheet;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.Function;

import static io.holdfast.edge.http.Responses.handle;

/**
 * What a holder carries to the door: a ticket's PDF and QR code, an order's PDF (its tickets
 * that the buyer still holds), rendered on the {@link RenderPool}. The holder reads them with a
 * bearer token, or anyone with a signed link ({@link SignedLinks}) until it expires; a link is
 * checked before anything is read, so a bad one learns nothing about the ticket. The holder
 * gets links from {@code GET .../links}. Someone else's ticket or order is a 404.
 */
public final class DocumentRoutes {
  static final String PDF = "application/pdf";
  static final String PNG = "image/png";

  /** What was rendered: the bytes and how to send them. */
  record Document(byte[] bytes, String type, String filename) {}

  /** Renders a resource (the ID in its path) for a holder, or for anyone when it is null. */
  @FunctionalInterface
  private interface Renderer {
    Future<Document> render(RoutingContext ctx, UUID id, UUID holder);
  }

  private final Edge edge;
  private final TicketSheets sheets;
  private final RenderPool renders;
  private final SignedLinks links;
  private final ZoneId zone;
  private final PageSize page;

  public DocumentRoutes(Edge edge, TicketSheets sheets, RenderPool renders, SignedLinks links) {
    this.edge = edge;
    this.sheets = sheets;
    this.renders = renders;
    this.links = links;
    try {
      this.zone = ZoneId.of(TicketPdf.TIME_ZONE.string(edge.config()).trim());
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("configuration " + TicketPdf.TIME_ZONE
          + " is not a time zone: " + TicketPdf.TIME_ZONE.string(edge.config()));
    }
    try {
      this.page = PageSize.of(TicketPdf.PAGE_SIZE.string(edge.config()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("configuration " + TicketPdf.PAGE_SIZE
          + " must be a4 or letter: " + TicketPdf.PAGE_SIZE.string(edge.config()));
    }
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
    PageSize size = pageSize(ctx);
    return renders.render(() -> sheets.ticket(id, holder).<Callable<Document>>map(found -> {
      TicketSheet ticket = face(printable(found, id));
      return () -> new Document(TicketPdf.render(List.of(ticket), size), PDF,
          "ticket-" + id + ".pdf");
    })).recover(DocumentRoutes::busy);
  }

  private Future<Document> ticketQr(RoutingContext ctx, UUID id, UUID holder) {
    return renders.render(() -> sheets.ticket(id, holder).<Callable<Document>>map(found -> {
      String code = printable(found, id).code();
      return () -> new Document(QrCodes.png(code), PNG,
          "ticket-" + id + ".png");
    })).recover(DocumentRoutes::busy);
  }

  private Future<Document> orderPdf(RoutingContext ctx, UUID id, UUID holder) {
    PageSize size = pageSize(ctx);
    return renders.render(() -> sheets.order(id, holder).<Callable<Document>>map(order -> {
      List<TicketSheet> tickets = held(order, id).stream().map(this::face).toList();
      return () -> new Document(TicketPdf.render(tickets, size), PDF, "order-" + id + ".pdf");
    })).recover(DocumentRoutes::busy);
  }

  /** Signed links to the ticket's PDF and QR code, for the holder to pass on. */
  private Future<Reply> ticketLinks(RoutingContext ctx) {
    UUID id = Paging.uuid(ctx, "ticketId", "Ticket");
    return sheets.ticket(id, user(ctx)).map(found -> {
      if (found == null) {
        throw Problems.notFound("Ticket " + id).toException();
      }
      if (found.status() == TicketStatus.VOID) {
        throw ticketVoid(id).toException();
      }
      SignedLinks.Link pdf = links.link(SignedLinks.ticketPdf(id));
      return Reply.ok(new JsonObject().put("ticketId", id.toString())
          .put("expiresAt", pdf.expiresAt().toString()).put("pdf", pdf.url())
          .put("qr", links.link(SignedLinks.ticketQr(id), pdf.expiresAt()).url()));
    });
  }

  /** Signed links to the order's PDF and to each of its tickets' PDF and QR code. */
  private Future<Reply> orderLinks(RoutingContext ctx) {
    UUID id = Paging.uuid(ctx, "orderId", "Order");
    return sheets.order(id, user(ctx)).map(order -> {
      List<Sheet> held = held(order, id);
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

  /** The ticket, if it exists, is not void and has its code; otherwise the precise problem. */
  private static Sheet printable(Sheet found, UUID id) {
    if (found == null) {
      throw Problems.notFound("Ticket " + id).toException();
    }
    if (found.status() == TicketStatus.VOID) {
      throw ticketVoid(id).toException();
    }
    if (found.code() == null) {
      throw notReady(id).toException();
    }
    return found;
  }

  /** The order's tickets its buyer still holds and that are not void, each with its code. */
  private static List<Sheet> held(OrderSheets order, UUID id) {
    if (order == null) {
      throw Problems.notFound("Order " + id).toException();
    }
    if (order.status() == OrderStatus.REFUNDED) {
      throw Problem.of(409, "order-refunded", "Order refunded", "Order " + id
          + " was refunded: its tickets are void and admit no one").toException();
    }
    List<Sheet> live = order.tickets().stream()
        .filter(t -> t.status() != TicketStatus.VOID).toList();
    if (live.isEmpty()) {
      throw Problem.of(409, "no-valid-tickets", "No valid tickets", "Order " + id
          + " has no valid tickets its buyer still holds").toException();
    }
    live.stream().filter(t -> t.code() == null).findFirst().ifPresent(t -> {
      throw notReady(t.ticketId()).toException();
    });
    return live;
  }

  private static Problem ticketVoid(UUID id) {
    return Problem.of(409, "ticket-void", "Ticket void", "Ticket " + id
        + " is void (its order was refunded or it was transferred) and admits no one");
  }

  /** Codes are signed just after the order commits: a moment later the ticket is ready. */
  private static Problem notReady(UUID id) {
    return Problem.of(409, "ticket-not-ready", "Ticket not ready", "Ticket " + id
        + " is being issued; try again in a moment").with("retryAfterSeconds", 1);
  }

  private TicketSheet face(Sheet s) {
    return new TicketSheet(s.ticketId().toString(), s.code(), s.eventName(), s.startsAt(),
        zone, s.venue(), s.sectionId(), s.sectionName(), s.seat(), s.slot(), s.holderName(),
        s.orderId().toString(), s.priceCents(), s.currency());
  }

  /** {@code ?page=a4} or {@code letter}; the configured size without it. */
  private PageSize pageSize(RoutingContext ctx) {
    String asked = ctx.request().getParam("page");
    if (asked == null) {
      return page;
    }
    try {
      return PageSize.of(asked);
    } catch (IllegalArgumentException e) {
      throw Problem.of(422, "validation", "Invalid request", "page must be a4 or letter")
          .with("errors", new JsonArray().add(new JsonObject().put("field", "page")
              .put("message", "must be a4 or letter"))).toException();
    }
  }

  private static <T> Future<T> busy(Throwable failure) {
    if (failure instanceof RenderPool.Busy) {
      return Future.failedFuture(Problem.of(503, "busy", "Try again", "Many tickets are "
          + "being rendered just now; nothing was done").with("retryAfterSeconds", 1)
          .toException());
    }
    return Future.failedFuture(failure);
  }

  private static void send(RoutingContext ctx, Future<Document> rendered) {
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
