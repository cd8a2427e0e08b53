package io.holdfast.contracts.hold;

import java.util.List;

/**
 * One hold as the edge asks the core for it, in one of three forms: general admission or best
 * available ({@code sectionId}, {@code quantity}, and {@code together} for adjacent seats in one
 * row), or exact seats ({@code seats}, seat IDs {@code SECTION-ROW-NUMBER}, possibly in several
 * sections; then {@code sectionId} is null and {@code quantity} is the number of seats).
 *
 * <p>{@code holdId} is the ID the hold must have (see {@link HoldKey}: its book must be the
 * holder's), so that asking twice can only ever make one hold; null lets the core name it.
 * {@code onBehalfOf} is a partner's own customer reference: the purchase limit then counts for
 * that customer, not for the partner. {@code maxActiveHolds}: how many active holds of this
 * event the holder may have at once, this one included (0: no cap); the edge sets it.
 * {@code requestId}: the ID of the HTTP request that asked (its {@code X-Request-Id}), or null;
 * the core logs with it and publishes it with the hold.
 */
public record HoldRequest(String eventId, String buyerId, String sectionId, int quantity,
    String holdId, List<String> seats, boolean together, String onBehalfOf,
    int maxActiveHolds, String requestId) {

  public HoldRequest {
    seats = seats == null ? null : List.copyOf(seats);
  }

  public HoldRequest(String eventId, String buyerId, String sectionId, int quantity,
      String holdId, List<String> seats, boolean together, String onBehalfOf) {
    this(eventId, buyerId, sectionId, quantity, holdId, seats, together, onBehalfOf, 0, null);
  }

  public HoldRequest(String eventId, String buyerId, String sectionId, int quantity,
      String holdId) {
    this(eventId, buyerId, sectionId, quantity, holdId, null, false, null);
  }

  public HoldRequest(String eventId, String buyerId, String sectionId, int quantity) {
    this(eventId, buyerId, sectionId, quantity, null);
  }

  /** Exact seats: all of them or none. */
  public static HoldRequest seats(String eventId, String buyerId, List<String> seats,
      String holdId, String onBehalfOf) {
    return new HoldRequest(eventId, buyerId, null, seats.size(), holdId, seats, false,
        onBehalfOf);
  }

  /** The same request with a cap on the holder's active holds of the event (0: none). */
  public HoldRequest capped(int maxActiveHolds) {
    return capped(maxActiveHolds, requestId);
  }

  /**
   * The same request as the edge sends it: with a cap on the holder's active holds of the
   * event (0: none) and the ID of the HTTP request that asks for it.
   */
  public HoldRequest capped(int maxActiveHolds, String requestId) {
    return new HoldRequest(eventId, buyerId, sectionId, quantity, holdId, seats, together,
        onBehalfOf, maxActiveHolds, requestId);
  }

  /** Whom the purchase limit counts for: the buyer, or the partner's customer. */
  public String limitKey() {
    return limitKey(buyerId, onBehalfOf);
  }

  public static String limitKey(String buyerId, String onBehalfOf) {
    return onBehalfOf == null ? buyerId : buyerId + '/' + onBehalfOf;
  }
}
