package io.holdfast.app;

import static io.holdfast.testkit.http.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.documents.QrCodes;
import io.holdfast.testkit.EventBody;
import io.holdfast.testkit.EventLoad;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Tuple;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Tickets to carry: PDFs and QR codes through the API")
class TicketDocumentsTest extends DoorTestBase {
  /** A seated event with a named section; answers its ID. */
  String seatedEvent(String name) {
    JsonObject body = EventBody.named(name).put("venue", "The Loopback Arena")
        .reserved("A", 4250, EventLoad.row("1", 6), EventLoad.row("2", 6)).json();
    body.getJsonArray("sections").getJsonObject(0).put("name", "Stalls");
    return org.onSale(organizer, body);
  }

  /** The buyer pays for exact seats; answers the order's ID. */
  String buySeats(String buyer, String eventId, String... seats) {
    return org.buy(buyer, eventId, new JsonObject().put("seats", new JsonArray(List.of(seats))));
  }

  HttpResponse<Buffer> get(String path, String token) {
    return api.call(HttpMethod.GET, path, token, null);
  }

  /** An absolute link as the API gave it, called on the test's edge (its path and query). */
  HttpResponse<Buffer> open(String link) {
    URI uri = URI.create(link);
    return get(uri.getRawPath() + "?" + uri.getRawQuery(), null);
  }

  static PDDocument pdf(HttpResponse<Buffer> r) throws IOException {
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    assertThat(r.getHeader("Content-Type")).isEqualTo("application/pdf");
    assertThat(r.getHeader("Cache-Control")).isEqualTo("private, no-store");
    return Loader.loadPDF(r.body().getBytes());
  }

  /** What a scanner reads off the page printed at 150 dpi, or at 200 when that does not read. */
  static String qrOf(PDDocument doc, int page) throws IOException {
    String read = QrCodes.read(new PDFRenderer(doc).renderImageWithDPI(page, 150));
    return read != null ? read : QrCodes.read(new PDFRenderer(doc).renderImageWithDPI(page, 200));
  }

  static String text(PDDocument doc) throws IOException {
    return new PDFTextStripper().getText(doc);
  }

  /** The code of a ticket as its holder reads it. */
  String code(String buyer, String ticketId) {
    HttpResponse<Buffer> r = get("/v1/tickets/" + ticketId, buyer);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    return r.bodyAsJsonObject().getString("code");
  }

  @Test
  @DisplayName("the holder downloads a seated ticket's PDF, its QR code and the order's PDF: every QR decodes to the ticket's code, and the page names the event, seat, holder and order")
  void holderDownloads() throws IOException {
    String eventId = seatedEvent("Documents night " + UUID.randomUUID());
    String buyer = api.buyers(1).get(0);
    String orderId = buySeats(buyer, eventId, "A-1-2", "A-2-5");
    List<JsonObject> tickets = tickets(buyer, orderId);
    String first = tickets.get(0).getString("ticketId");
    // A name the standard fonts cannot write in full: the page must still come out.
    Api.await(api.sql.preparedQuery("update users set name = $1 where id = "
        + "(select holder_id from tickets where id = $2::uuid)")
        .execute(Tuple.of("Zoë Łukasz 李", first)));
    String event = order(buyer, orderId).getString("eventId");
    assertThat(event).isEqualTo(eventId);

    HttpResponse<Buffer> r = get("/v1/tickets/" + first + "/pdf", buyer);
    try (PDDocument doc = pdf(r)) {
      assertThat(r.getHeader("Content-Disposition"))
          .isEqualTo("inline; filename=\"ticket-" + first + ".pdf\"");
      assertThat(doc.getNumberOfPages()).isEqualTo(1);
      assertThat(doc.getPage(0).getMediaBox().getWidth()).isEqualTo(PDRectangle.A4.getWidth());
      assertThat(qrOf(doc, 0)).isEqualTo(code(buyer, first));
      String seat = tickets.get(0).getString("seat");
      assertThat(text(doc)).contains("Documents night", "The Loopback Arena", "Stalls",
          "Seat " + seat, "Zoë Lukasz ?", orderId, "EUR 42.50");
    }

    HttpResponse<Buffer> png = get("/v1/tickets/" + first + "/qr.png", buyer);
    assertThat(png.statusCode()).as(png.bodyAsString()).isEqualTo(200);
    assertThat(png.getHeader("Content-Type")).isEqualTo("image/png");
    assertThat(png.getHeader("Content-Disposition")).contains("ticket-" + first + ".png");
    assertThat(QrCodes.read(ImageIO.read(new ByteArrayInputStream(png.body().getBytes()))))
        .isEqualTo(code(buyer, first));

    try (PDDocument doc = pdf(get("/v1/orders/" + orderId + "/pdf?page=letter", buyer))) {
      assertThat(doc.getNumberOfPages()).isEqualTo(2);
      assertThat(doc.getPage(1).getMediaBox().getWidth())
          .isEqualTo(PDRectangle.LETTER.getWidth());
      List<String> read = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        read.add(qrOf(doc, i));
      }
      assertThat(read).containsExactlyInAnyOrder(
          code(buyer, first), code(buyer, tickets.get(1).getString("ticketId")));
      assertThat(text(doc)).contains("Seat A-1-2", "Seat A-2-5", "Ticket 1 of 2");
    }
    assertProblem(get("/v1/orders/" + orderId + "/pdf?page=a3", buyer), 422, "validation");
  }

  @Test
  @DisplayName("signed links open the PDFs and the QR code without a token; an expired one is a 410 link-expired, a changed one a 403 link-invalid, whether or not the ticket exists")
  void signedLinks() throws IOException {
    String eventId = org.onSale(organizer, Organizing.body("Linked night", 10));
    String buyer = api.buyers(1).get(0);
    String orderId = org.buy(buyer, eventId, 2);
    String ticketId = tickets(buyer, orderId).get(0).getString("ticketId");
    String code = code(buyer, ticketId);

    HttpResponse<Buffer> r = get("/v1/tickets/" + ticketId + "/links", buyer);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    JsonObject links = r.bodyAsJsonObject();
    assertThat(links.getString("pdf")).startsWith(DocumentLinks.publicUrl()
        + "/v1/tickets/" + ticketId + "/pdf?expires=");
    assertThat(DocumentLinks.expiresIn(links.getString("expiresAt")))
        .isBetween(7 * 24 * 3600L - 60, 7 * 24 * 3600L + 60);
    try (PDDocument doc = pdf(open(links.getString("pdf")))) {
      assertThat(qrOf(doc, 0)).isEqualTo(code);
    }
    HttpResponse<Buffer> png = open(links.getString("qr"));
    assertThat(png.statusCode()).as(png.bodyAsString()).isEqualTo(200);
    assertThat(QrCodes.read(ImageIO.read(new ByteArrayInputStream(png.body().getBytes()))))
        .isEqualTo(code);

    JsonObject orderLinks = get("/v1/orders/" + orderId + "/links", buyer).bodyAsJsonObject();
    assertThat(orderLinks.getJsonArray("tickets")).hasSize(2);
    try (PDDocument doc = pdf(open(orderLinks.getString("pdf")))) {
      assertThat(doc.getNumberOfPages()).isEqualTo(2);
    }

    String pdfLink = links.getString("pdf");
    // One character of the signature changed; the expiry moved; the signature of another path.
    int sig = pdfLink.indexOf("sig=") + 4;
    String changed = pdfLink.substring(0, sig + 5)
        + (pdfLink.charAt(sig + 5) == 'A' ? 'B' : 'A') + pdfLink.substring(sig + 6);
    assertProblem(open(changed), 403, "link-invalid");
    String expires = DocumentLinks.param(pdfLink, "expires");
    assertProblem(open(pdfLink.replace("expires=" + expires,
        "expires=" + (Long.parseLong(expires) + 3600))), 403, "link-invalid");
    assertProblem(open(pdfLink.replace("/pdf?", "/qr.png?")), 403, "link-invalid");
    String other = tickets(buyer, orderId).get(1).getString("ticketId");
    assertProblem(open(pdfLink.replace(ticketId, other)), 403, "link-invalid");
    assertProblem(get("/v1/tickets/" + ticketId + "/pdf?sig="
        + DocumentLinks.param(pdfLink, "sig"), null), 403, "link-invalid");
    // A made-up ticket gets the same answers: a bad link learns nothing.
    String unknown = UUID.randomUUID().toString();
    assertProblem(open(pdfLink.replace(ticketId, unknown)), 403, "link-invalid");

    assertProblem(open(DocumentLinks.expired("/v1/tickets/" + ticketId + "/pdf")), 410,
        "link-expired");
    assertProblem(open(DocumentLinks.expired("/v1/tickets/" + unknown + "/pdf")), 410,
        "link-expired");
    // Only the platform makes valid links: one to a ticket that does not exist finds nothing.
    assertProblem(open(DocumentLinks.valid("/v1/tickets/" + unknown + "/pdf")), 404,
        "not-found");
  }

  @Test
  @DisplayName("someone else's ticket or order is a 404, no token a 401, and a refunded order's PDF a 409 order-refunded with its tickets' a 409 ticket-void")
  void ownershipAndRefunds() {
    String eventId = org.onSale(organizer, Organizing.body("Guarded documents", 10));
    List<String> buyers = api.buyers(2);
    String buyer = buyers.get(0);
    String orderId = org.buy(buyer, eventId, 1);
    String ticketId = tickets(buyer, orderId).get(0).getString("ticketId");
    String[] paths = {"/v1/tickets/" + ticketId + "/pdf", "/v1/tickets/" + ticketId + "/qr.png",
        "/v1/orders/" + orderId + "/pdf", "/v1/tickets/" + ticketId + "/links",
        "/v1/orders/" + orderId + "/links"};
    for (String path : paths) {
      assertProblem(get(path, buyers.get(1)), 404, "not-found");
      assertProblem(get(path, organizer), 404, "not-found");
      assertProblem(get(path, null), 401, "unauthorized");
    }
    assertProblem(get("/v1/tickets/not-a-ticket/pdf", buyer), 404, "not-found");
    assertProblem(get("/v1/orders/" + UUID.randomUUID() + "/pdf", buyer), 404, "not-found");

    HttpResponse<Buffer> refund = api.call(HttpMethod.POST, "/v1/orders/" + orderId + "/refund",
        organizer, null);
    assertThat(refund.statusCode()).as(refund.bodyAsString()).isEqualTo(202);
    assertThat(Api.eventually(java.time.Duration.ofSeconds(20),
        () -> "void".equals(ticketStatus(ticketId)))).isTrue();
    assertProblem(get("/v1/orders/" + orderId + "/pdf", buyer), 409, "order-refunded");
    assertProblem(get("/v1/orders/" + orderId + "/links", buyer), 409, "order-refunded");
    assertProblem(get("/v1/tickets/" + ticketId + "/pdf", buyer), 409, "ticket-void");
    assertProblem(get("/v1/tickets/" + ticketId + "/qr.png", buyer), 409, "ticket-void");
    assertProblem(get("/v1/tickets/" + ticketId + "/links", buyer), 409, "ticket-void");
  }
}
