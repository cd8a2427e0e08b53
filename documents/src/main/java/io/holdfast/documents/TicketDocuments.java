package io.holdfast.documents;

import io.holdfast.contracts.problem.Problem;
import io.holdfast.contracts.problem.Problems;
import io.holdfast.documents.TicketPdf.PageSize;
import io.holdfast.ledger.OrderStatus;
import io.holdfast.ledger.TicketStatus;
import io.holdfast.ledger.order.TicketSheets;
import io.holdfast.ledger.order.TicketSheets.OrderSheets;
import io.holdfast.ledger.order.TicketSheets.Sheet;
import io.holdfast.ledger.ticket.TicketCodes;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * The documents a holder carries, from the ledger: a ticket's PDF and QR code, an order's PDF
 * (its tickets the buyer still holds), for the routes and for the confirmation mail alike. A
 * ticket whose code is not signed yet (a moment after its order commits, or a crash lost the
 * signing) is signed first. Refusals are the routes' problems: not found, void, refunded.
 */
public final class TicketDocuments {
  public static final String PDF = "application/pdf";
  public static final String PNG = "image/png";

  /** What was rendered: the bytes and how to send them. */
  public record Document(byte[] bytes, String type, String filename) {}

  private final TicketSheets sheets;
  private final TicketCodes codes;
  private final RenderPool renders;
  private final ZoneId zone;
  private final PageSize page;

  private TicketDocuments(TicketSheets sheets, TicketCodes codes, RenderPool renders,
      ZoneId zone, PageSize page) {
    this.sheets = sheets;
    this.codes = codes;
    this.renders = renders;
    this.zone = zone;
    this.page = page;
  }

  /**
   * Documents read with {@code pool}, signing with {@code codes}, rendered on a pool of its own
   * ({@link RenderPool}); the time zone and page size from the configuration.
   */
  public static TicketDocuments create(Vertx vertx, Pool pool, TicketCodes codes,
      JsonObject config) {
    ZoneId zone;
    try {
      zone = ZoneId.of(TicketPdf.TIME_ZONE.string(config).trim());
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("configuration " + TicketPdf.TIME_ZONE
          + " is not a time zone: " + TicketPdf.TIME_ZONE.string(config));
    }
    PageSize page;
    try {
      page = PageSize.of(TicketPdf.PAGE_SIZE.string(config));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("configuration " + TicketPdf.PAGE_SIZE
          + " must be a4 or letter: " + TicketPdf.PAGE_SIZE.string(config));
    }
    return new TicketDocuments(new TicketSheets(pool), codes, RenderPool.create(vertx, config),
        zone, page);
  }

  /** The configured page size. */
  public PageSize page() {
    return page;
  }

  /** The ticket's PDF, if {@code holder} holds it (null: whoever does). */
  public Future<Document> ticketPdf(UUID id, UUID holder, PageSize size) {
    return render(() -> liveTicket(id, holder).map(found -> {
      TicketSheet ticket = face(printable(found, id));
      return () -> new Document(TicketPdf.render(List.of(ticket), size), PDF,
          "ticket-" + id + ".pdf");
    }));
  }

  /** The ticket's QR code, if {@code holder} holds it (null: whoever does). */
  public Future<Document> ticketQr(UUID id, UUID holder) {
    return render(() -> liveTicket(id, holder).map(found -> {
      String code = printable(found, id).code();
      return () -> new Document(QrCodes.png(code), PNG, "ticket-" + id + ".png");
    }));
  }

  /**
   * A QR code of {@code code}, which the caller read and may show (a ticket's rotating code of
   * this step), rendered on the pool like every document.
   */
  public Future<Document> codeQr(String code, String filename) {
    return render(() -> Future.succeededFuture(
        () -> new Document(QrCodes.png(code), PNG, filename)));
  }

  /** The order's PDF, if {@code buyer} bought it (null: whoever did). */
  public Future<Document> orderPdf(UUID id, UUID buyer, PageSize size) {
    return render(() -> liveTickets(id, buyer).map(held -> {
      List<TicketSheet> tickets = held.stream().map(s -> face(printable(s, s.ticketId())))
          .toList();
      return () -> new Document(TicketPdf.render(tickets, size), PDF, "order-" + id + ".pdf");
    }));
  }

  /**
   * The ticket, if {@code holder} holds it (null: whoever does) and it is not void, signed;
   * otherwise fails with its problem.
   */
  public Future<Sheet> liveTicket(UUID id, UUID holder) {
    return signed(() -> sheets.ticket(id, holder).map(found -> {
      if (found == null) {
        throw Problems.notFound("Ticket " + id).toException();
      }
      if (found.status() == TicketStatus.VOID) {
        throw ticketVoid(id).toException();
      }
      return List.of(found);
    })).map(list -> list.get(0));
  }

  /**
   * The order's tickets its buyer still holds and that are not void, signed, if {@code buyer}
   * bought it (null: whoever did); otherwise fails with its problem.
   */
  public Future<List<Sheet>> liveTickets(UUID id, UUID buyer) {
    return signed(() -> sheets.order(id, buyer).map(order -> held(order, id)));
  }

  /** The sheets {@code read} reads, signed: the unsigned among them are signed, then re-read. */
  private Future<List<Sheet>> signed(Supplier<Future<List<Sheet>>> read) {
    return read.get().compose(found -> {
      List<UUID> unsigned = found.stream().filter(s -> s.code() == null).map(Sheet::ticketId)
          .toList();
      return unsigned.isEmpty() ? Future.succeededFuture(found)
          : codes.ensureSigned(unsigned).compose(done -> read.get());
    });
  }

  private <T> Future<T> render(Supplier<Future<Callable<T>>> prepare) {
    return renders.<T>render(prepare).recover(failure -> Future.failedFuture(
        failure instanceof RenderPool.Busy ? Problem.of(503, "busy", "Try again",
            "Many tickets are being rendered just now; nothing was done")
            .with("retryAfterSeconds", 1).toException() : failure));
  }

  /** The ticket has its code: otherwise signing failed just now, and a retry signs it. */
  private static Sheet printable(Sheet found, UUID id) {
    if (found.code() == null) {
      throw Problem.of(409, "ticket-not-ready", "Ticket not ready", "Ticket " + id
          + " is being issued; try again in a moment").with("retryAfterSeconds", 1)
          .toException();
    }
    return found;
  }

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
    return live;
  }

  private static Problem ticketVoid(UUID id) {
    return Problem.of(409, "ticket-void", "Ticket void", "Ticket " + id
        + " is void (its order was refunded) and admits no one");
  }

  private TicketSheet face(Sheet s) {
    return new TicketSheet(s.ticketId().toString(), s.code(), s.eventName(), s.startsAt(),
        zone, s.venue(), s.sectionId(), s.sectionName(), s.seat(), s.slot(), s.holderName(),
        s.orderId().toString(), s.priceCents(), s.currency());
  }

  /** Releases the render pool. */
  public Future<Void> close() {
    return renders.close();
  }
}
