package io.holdfast.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Ticket PDFs")
class TicketPdfTest {
  /**
   * What a phone camera gets from a printed page, roughly: 150 dots an inch, and 200 when that
   * does not read (as a person brings the phone closer).
   */
  static final float[] DPI = {150, 200};

  static String text(PDDocument doc, int page) throws IOException {
    PDFTextStripper stripper = new PDFTextStripper();
    stripper.setStartPage(page);
    stripper.setEndPage(page);
    return stripper.getText(doc);
  }

  static String qrOf(PDDocument doc, int pageIndex) throws IOException {
    String read = null;
    for (int i = 0; i < DPI.length && read == null; i++) {
      BufferedImage image = new PDFRenderer(doc).renderImageWithDPI(pageIndex, DPI[i]);
      read = QrCodes.read(image);
    }
    return read;
  }

  @Test
  @DisplayName("a reserved seat's page is A4, its QR decodes to the code, and its text names the event, section, row, seat, holder, order and price")
  void reservedSeatPage() throws IOException {
    TicketSheet t = Sheets.reserved("Grace Hopper");
    byte[] pdf = TicketPdf.render(List.of(t), TicketPdf.PageSize.A4);
    assertThat(new String(pdf, 0, 5)).isEqualTo("%PDF-");
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      assertThat(doc.getNumberOfPages()).isEqualTo(1);
      PDRectangle box = doc.getPage(0).getMediaBox();
      assertThat(box.getWidth()).isEqualTo(PDRectangle.A4.getWidth());
      assertThat(box.getHeight()).isEqualTo(PDRectangle.A4.getHeight());
      assertThat(qrOf(doc, 0)).isEqualTo(t.code());
      String text = text(doc, 1);
      assertThat(text).contains("The Loopback Quartet: Live", "The Loopback Arena", "Stalls",
          "ROW", "12", "SEAT", "7", "Seat A-12-7", "Grace Hopper", t.orderId(), t.ticketId(),
          "EUR 42.50", t.code().substring(t.code().length() - 10));
      // Paris in December is an hour ahead of UTC, and the page says which zone it means.
      assertThat(text).contains("Saturday 12 December 2026, 20:30 CET");
      assertThat(doc.getDocumentInformation().getTitle()).contains("The Loopback Quartet");
    }
  }

  @Test
  @DisplayName("an order's PDF has one page per ticket on US letter, each QR decoding to its own ticket's code")
  void onePagePerTicket() throws IOException {
    List<TicketSheet> tickets = List.of(Sheets.general(0), Sheets.general(1), Sheets.general(41));
    byte[] pdf = TicketPdf.render(tickets, TicketPdf.PageSize.of("Letter"));
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      assertThat(doc.getNumberOfPages()).isEqualTo(3);
      for (int i = 0; i < tickets.size(); i++) {
        assertThat(doc.getPage(i).getMediaBox().getWidth())
            .isEqualTo(PDRectangle.LETTER.getWidth());
        assertThat(qrOf(doc, i)).isEqualTo(tickets.get(i).code());
        assertThat(text(doc, i + 1)).contains("Open Air Night", "GENERAL ADMISSION",
            "No. " + (tickets.get(i).slot() + 1), "Ticket " + (i + 1) + " of 3",
            "Ada Lovelace", tickets.get(i).orderId(), "USD 25.00",
            "Wednesday 1 July 2026, 18:00 UTC");
      }
    }
  }

  @Test
  @DisplayName("a holder named \"Zoë Łukasz 李\" and a long event name render without an exception, the unencodable letters replaced")
  void namesFromEverywhere() throws IOException {
    TicketSheet base = Sheets.reserved("Zoë Łukasz 李");
    TicketSheet t = new TicketSheet(base.ticketId(), base.code(),
        "Ĥèllø Wörld Ünïcode Tour — 東京 ".repeat(6) + "\u0000\t\n🎫", base.startsAt(),
        base.zone(), "Ołtarzew 🎪", base.sectionId(), "Loge Ł", base.seat(), base.slot(),
        base.holderName(), base.orderId(), base.priceCents(), base.currency());
    byte[] pdf = TicketPdf.render(List.of(t), TicketPdf.PageSize.A4);
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      String text = text(doc, 1);
      assertThat(text).contains("Zoë Lukasz ?", "Hèllø Wörld", "Oltarzew ?", "Loge L");
      assertThat(qrOf(doc, 0)).isEqualTo(t.code());
    }
  }

  @Test
  @DisplayName("an empty list and an unknown page size are refused")
  void refusals() {
    assertThatThrownBy(() -> TicketPdf.render(List.of(), TicketPdf.PageSize.A4))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TicketPdf.PageSize.of("a3"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName("a seat's row and number are read from its ID even when the row label has dashes, and prices keep their currency's decimals")
  void seatsAndPrices() {
    TicketSheet base = Sheets.reserved("X");
    TicketSheet dashed = new TicketSheet(base.ticketId(), base.code(), "E", base.startsAt(),
        base.zone(), "", "B-2", "Balcony", "B-2-R-3-14", 5, "X", base.orderId(), 1500, "JPY");
    assertThat(dashed.row()).isEqualTo("R-3");
    assertThat(dashed.seatNumber()).isEqualTo("14");
    assertThat(dashed.place()).isEqualTo("Row R-3, Seat 14");
    assertThat(dashed.price()).isEqualTo("JPY 1500");
    assertThat(Sheets.general(4).place()).isEqualTo("General admission, No. 5");
    assertThat(Sheets.general(4).row()).isNull();
  }
}
