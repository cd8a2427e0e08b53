package io.holdfast.contracts.hold;

/** One general-admission hold as the edge asks the core for it. */
public record HoldRequest(String eventId, String buyerId, String sectionId, int quantity) {}
