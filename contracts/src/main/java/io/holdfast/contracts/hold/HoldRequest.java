package io.holdfast.contracts.hold;

/**
 * One general-admission hold as the edge asks the core for it. {@code holdId} is the ID the
 * hold must have (see {@link HoldKey}: its book must be the buyer's), so that asking twice can
 * only ever make one hold; null lets the core name it.
 */
public record HoldRequest(String eventId, String buyerId, String sectionId, int quantity,
    String holdId) {
  public HoldRequest(String eventId, String buyerId, String sectionId, int quantity) {
    this(eventId, buyerId, sectionId, quantity, null);
  }
}
