package io.holdfast.documents;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Currency;
import java.util.Locale;
import java.util.Objects;

/**
 * Everything one ticket's page shows, as plain values: no database, no JSON. {@code seat} is the
 * seat ID of a reserved seat ({@code SECTION-ROW-NUMBER}, see V2__reserved_seating.sql) or null
 * for general admission, where {@code slot} (0-based) is the place in the section. {@code zone}
 * is the time zone the start is shown in.
 */
public record TicketSheet(
    String ticketId,
    String code,
    String eventName,
    Instant startsAt,
    ZoneId zone,
    String venue,
    String sectionId,
    String sectionName,
    String seat,
    int slot,
    String holderName,
    String orderId,
    long priceCents,
    String currency) {

  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern(
      "EEEE d MMMM uuuu, HH:mm zzz", Locale.ENGLISH);

  public TicketSheet {
    Objects.requireNonNull(ticketId, "ticketId");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(eventName, "eventName");
    Objects.requireNonNull(startsAt, "startsAt");
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(sectionId, "sectionId");
    Objects.requireNonNull(orderId, "orderId");
    venue = venue == null ? "" : venue;
    sectionName = sectionName == null || sectionName.isBlank() ? sectionId : sectionName;
    holderName = holderName == null ? "" : holderName;
  }

  /** The start as people read it, in the sheet's zone: "Saturday 12 December 2026, 20:00 CET". */
  public String when() {
    return WHEN.format(startsAt.atZone(zone));
  }

  /** Whether this is a reserved seat (else general admission). */
  public boolean reserved() {
    return seat != null;
  }

  /**
   * The row label of a reserved seat: the seat ID without its section's prefix and its number
   * (a row label may itself contain dashes). Null for general admission.
   */
  public String row() {
    String rest = seatRest();
    if (rest == null) {
      return null;
    }
    int dash = rest.lastIndexOf('-');
    return dash < 0 ? rest : rest.substring(0, dash);
  }

  /** The seat number within its row, or null for general admission. */
  public String seatNumber() {
    String rest = seatRest();
    if (rest == null) {
      return null;
    }
    int dash = rest.lastIndexOf('-');
    return dash < 0 ? "" : rest.substring(dash + 1);
  }

  /** "Row 12, Seat 7", or "General admission, No. 5" (the slot counted from 1). */
  public String place() {
    return reserved() ? "Row " + row() + ", Seat " + seatNumber()
        : "General admission, No. " + (slot + 1);
  }

  /** "EUR 25.00": the currency's own number of decimals. */
  public String price() {
    int digits = 2;
    try {
      digits = Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
    } catch (IllegalArgumentException | NullPointerException e) {
      // An unknown code still shows, with two decimals.
    }
    return (currency == null ? "" : currency + " ")
        + BigDecimal.valueOf(priceCents, digits).toPlainString();
  }

  /** The code's last characters, printed under the QR so a person can compare by eye. */
  public String codeTail() {
    int n = Math.min(10, code.length());
    return (code.length() > n ? "…" : "") + code.substring(code.length() - n);
  }

  private String seatRest() {
    if (seat == null) {
      return null;
    }
    String prefix = sectionId + "-";
    return seat.startsWith(prefix) ? seat.substring(prefix.length()) : seat;
  }
}
