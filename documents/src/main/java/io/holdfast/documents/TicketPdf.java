package io.holdfast.documents;

import com.google.zxing.common.BitMatrix;
import io.holdfast.support.config.Setting;
import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts.FontName;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/**
 * Tickets as a PDF (Apache PDFBox), one page each: the event's name large, when and where, the
 * section with the row and seat (or general admission and the place), the holder, the order and
 * the price, and the QR code of the ticket's code big enough to scan from a phone held at arm's
 * length, with the code's last characters printed under it. The standard 14 fonts only, so no
 * font file ships or downloads ({@link PdfText} says what happens to other characters).
 * CPU-bound: run it on a worker ({@link RenderPool}), never on an event loop.
 */
public final class TicketPdf {
  /** Page sizes people print tickets on. */
  public enum PageSize {
    A4(PDRectangle.A4), LETTER(PDRectangle.LETTER);

    final PDRectangle box;

    PageSize(PDRectangle box) {
      this.box = box;
    }

    /** "a4" or "letter" (any case); anything else is refused. */
    public static PageSize of(String name) {
      for (PageSize size : values()) {
        if (size.name().equalsIgnoreCase(name == null ? "" : name.trim())) {
          return size;
        }
      }
      throw new IllegalArgumentException("a page size is a4 or letter: " + name);
    }
  }

  public static final Setting PAGE_SIZE = Setting.text("HOLDFAST_TICKET_PAGE_SIZE",
      "documents.pageSize", "a4", "paper of ticket PDFs: a4 or letter (a request may ask for "
      + "the other with ?page=)");
  /** Events keep no time zone of their own yet; one zone serves the whole platform. */
  public static final Setting TIME_ZONE = Setting.text("HOLDFAST_TICKET_TIME_ZONE",
      "documents.timeZone", "UTC", "time zone ticket PDFs show an event's start in (an IANA "
      + "name such as Europe/Paris)");

  /** Side of the QR code, points: 70 mm, about 1.2 mm a module for a 150-character code. */
  static final float QR_SIZE = 200f;
  private static final float MARGIN = 42f;
  private static final float BAND = 54f;
  private static final float[] INK = {0.09f, 0.12f, 0.18f};
  private static final float[] MUTED = {0.38f, 0.42f, 0.48f};
  private static final float[] RULE = {0.82f, 0.84f, 0.87f};

  /**
   * Each rendering thread's fonts, made once: a standard font looks for a system font to stand
   * in for it when it is made (and warns when there is none), which is too slow and too loud to
   * do per document; one thread's fonts are never used by two documents at once.
   */
  private static final ThreadLocal<Fonts> FONTS = ThreadLocal.withInitial(() -> new Fonts(
      new PDType1Font(FontName.HELVETICA), new PDType1Font(FontName.HELVETICA_BOLD),
      new PDType1Font(FontName.COURIER_BOLD)));

  private TicketPdf() {}

  /** The tickets' pages in {@code size}; refuses an empty list. */
  public static byte[] render(List<TicketSheet> tickets, PageSize size) {
    if (tickets.isEmpty()) {
      throw new IllegalArgumentException("a ticket PDF has at least one ticket");
    }
    try (PDDocument doc = new PDDocument()) {
      Fonts fonts = FONTS.get();
      TicketSheet first = tickets.get(0);
      doc.getDocumentInformation().setTitle(tickets.size() == 1
          ? "Ticket: " + first.eventName() : tickets.size() + " tickets: " + first.eventName());
      doc.getDocumentInformation().setCreator("Holdfast");
      for (int i = 0; i < tickets.size(); i++) {
        PDPage page = new PDPage(size.box);
        doc.addPage(page);
        try (PDPageContentStream out = new PDPageContentStream(doc, page)) {
          page(doc, out, fonts, size.box, tickets.get(i), i + 1, tickets.size());
        }
      }
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(16 * 1024 * tickets.size());
      doc.save(bytes);
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("a PDF in memory could not be written", e);
    }
  }

  private record Fonts(PDFont regular, PDFont bold, PDFont mono) {}

  private static void page(PDDocument doc, PDPageContentStream out, Fonts f, PDRectangle box,
      TicketSheet t, int number, int of) throws IOException {
    float width = box.getWidth();
    float top = box.getHeight();
    float inner = width - 2 * MARGIN;

    // The band across the top.
    out.setNonStrokingColor(INK[0], INK[1], INK[2]);
    out.addRect(0, top - BAND, width, BAND);
    out.fill();
    out.setNonStrokingColor(1f, 1f, 1f);
    text(out, f.bold(), 13, MARGIN, top - 33, "ADMIT ONE");
    String right = of > 1 ? "Ticket " + number + " of " + of : "Ticket";
    text(out, f.regular(), 11, width - MARGIN - PdfText.width(f.regular(), 11, right),
        top - 33, right);

    // The event: name large, then when and where.
    float y = top - BAND - 44;
    out.setNonStrokingColor(INK[0], INK[1], INK[2]);
    for (String line : PdfText.wrap(f.bold(), 26, t.eventName(), inner, 3)) {
      text(out, f.bold(), 26, MARGIN, y, line);
      y -= 31;
    }
    y -= 2;
    text(out, f.regular(), 13, MARGIN, y, t.when());
    if (!t.venue().isBlank()) {
      y -= 18;
      out.setNonStrokingColor(MUTED[0], MUTED[1], MUTED[2]);
      for (String line : PdfText.wrap(f.regular(), 13, t.venue(), inner, 2)) {
        text(out, f.regular(), 13, MARGIN, y, line);
        y -= 17;
      }
      y += 17;
    }
    y -= 22;
    rule(out, y, width);

    // Details on the left, the QR code on the right, both from the same line down.
    float columnTop = y - 20;
    float column = inner - QR_SIZE - 28;
    float qrX = width - MARGIN - QR_SIZE;
    float qrTop = columnTop + 8;
    qr(doc, out, QrCodes.matrix(t.code()), qrX, qrTop - QR_SIZE, QR_SIZE);
    out.setNonStrokingColor(INK[0], INK[1], INK[2]);
    String tail = t.codeTail();
    text(out, f.mono(), 11, qrX + (QR_SIZE - PdfText.width(f.mono(), 11, tail)) / 2,
        qrTop - QR_SIZE - 14, tail);
    out.setNonStrokingColor(MUTED[0], MUTED[1], MUTED[2]);
    String scan = "Show this code at the door";
    text(out, f.regular(), 9, qrX + (QR_SIZE - PdfText.width(f.regular(), 9, scan)) / 2,
        qrTop - QR_SIZE - 28, scan);

    y = columnTop;
    y = field(out, f, MARGIN, y, column, "SECTION", t.sectionName(), 18);
    if (t.reserved()) {
      float half = column / 2;
      field(out, f, MARGIN, y, half - 8, "ROW", t.row(), 18);
      y = field(out, f, MARGIN + half, y, half, "SEAT", t.seatNumber(), 18);
    } else {
      y = field(out, f, MARGIN, y, column, "GENERAL ADMISSION", "No. " + (t.slot() + 1), 18);
    }
    y = field(out, f, MARGIN, y, column, "HOLDER", t.holderName(), 16);
    y = field(out, f, MARGIN, y, column, "PRICE", t.price(), 13);
    y = field(out, f, MARGIN, y, column, "ORDER", t.orderId(), 10);

    // The small print at the foot of the page.
    float foot = MARGIN + 14;
    rule(out, foot + 16, width);
    out.setNonStrokingColor(MUTED[0], MUTED[1], MUTED[2]);
    String ids = "Ticket " + t.ticketId() + (t.reserved() ? "  ·  Seat " + t.seat()
        : "  ·  General admission, section " + t.sectionId());
    text(out, f.regular(), 8, MARGIN, foot, ids);
    text(out, f.regular(), 8, MARGIN, foot - 11, "One entry per ticket. Whoever shows this "
        + "code first gets in: do not share it or post it online.");
  }

  /** A small grey label over its value; answers where the next field starts. */
  private static float field(PDPageContentStream out, Fonts f, float x, float y, float width,
      String label, String value, float size) throws IOException {
    out.setNonStrokingColor(MUTED[0], MUTED[1], MUTED[2]);
    text(out, f.bold(), 8, x, y, label);
    out.setNonStrokingColor(INK[0], INK[1], INK[2]);
    float line = y - size - 4;
    for (String part : PdfText.wrap(f.bold(), size, value == null ? "" : value, width, 2)) {
      text(out, f.bold(), size, x, line, part);
      line -= size + 3;
    }
    return line - 12;
  }

  private static void text(PDPageContentStream out, PDFont font, float size, float x, float y,
      String text) throws IOException {
    out.beginText();
    out.setFont(font, size);
    out.newLineAtOffset(x, y);
    out.showText(PdfText.safe(font, text));
    out.endText();
  }

  private static void rule(PDPageContentStream out, float y, float width) throws IOException {
    out.setNonStrokingColor(RULE[0], RULE[1], RULE[2]);
    out.addRect(MARGIN, y, width - 2 * MARGIN, 0.8f);
    out.fill();
  }

  /**
   * The symbol as an image of one pixel a module, quiet zone included, scaled up without
   * smoothing (a few dozen bytes, sharp at any zoom). Drawn as vector squares instead, the
   * symbol's edges fell between raster pixels and ZXing misread about one page in a hundred
   * rendered at 150 dpi; as an image none in hundreds.
   */
  private static void qr(PDDocument doc, PDPageContentStream out, BitMatrix m, float x, float y,
      float side) throws IOException {
    int modules = m.getWidth();
    BufferedImage symbol = new BufferedImage(modules, modules, BufferedImage.TYPE_BYTE_BINARY);
    // The raster's samples directly (1 white, 0 black): setRGB converts every pixel's colour.
    WritableRaster pixels = symbol.getRaster();
    for (int row = 0; row < modules; row++) {
      for (int col = 0; col < modules; col++) {
        pixels.setSample(col, row, 0, m.get(col, row) ? 0 : 1);
      }
    }
    PDImageXObject image = LosslessFactory.createFromImage(doc, symbol);
    image.setInterpolate(false);
    out.drawImage(image, x, y, side, side);
  }

}
