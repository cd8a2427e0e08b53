package io.holdfast.ledger.door;

import java.util.UUID;

/**
 * What a scanned code names, found in one place ({@link Door#named}) so that how a code is read
 * (today a lookup of the stored code; later a signature check) changes nowhere else.
 */
public sealed interface CodeCheck {
  /** A code naming a ticket of an event, in a version (null while codes carry none). */
  record Named(UUID ticketId, UUID eventId, Integer version) implements CodeCheck {}

  /** No ticket has this code. */
  record Unknown() implements CodeCheck {}

  CodeCheck UNKNOWN = new Unknown();
}
