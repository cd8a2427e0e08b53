package io.holdfast.ledger.door;

import io.holdfast.ledger.ticket.RotatingCodes;
import java.time.Instant;
import java.util.UUID;

/**
 * What a scanned code names, found in one place ({@link Door#named}): a ticket, or a refusal
 * decided without one (a code that is not a ticket code, or whose signature does not verify).
 */
public sealed interface CodeCheck {
  /**
   * A code naming a ticket of an event in {@code version}; {@code currentVersion} is the
   * ticket's now (another: the code was revoked). {@code otp} is the one-time password a
   * rotating code carried (null: a plain code); {@code secret} the current version's rotating
   * secret; {@code rotatingRequired} whether the event's door takes rotating codes only.
   */
  record Named(UUID ticketId, UUID eventId, int version, int currentVersion, String otp,
      byte[] secret, boolean rotatingRequired) implements CodeCheck {
    /**
     * The refusal the rotating part of the code comes to at {@code at}, or null. A revoked
     * code is left to the decision (it answers {@code revoked}, whatever its otp).
     */
    public ScanResult rotation(Instant at) {
      if (version != currentVersion) {
        return null;
      }
      if (otp == null) {
        return rotatingRequired ? ScanResult.ROTATING_CODE_REQUIRED : null;
      }
      return RotatingCodes.verify(secret, otp, at) ? null : ScanResult.CODE_EXPIRED;
    }
  }

  /** A code refused as it is, naming no ticket: unknown, or a forged or damaged signature. */
  record Refused(ScanResult result) implements CodeCheck {}

  CodeCheck UNKNOWN = new Refused(ScanResult.UNKNOWN_TICKET);
  CodeCheck INVALID_SIGNATURE = new Refused(ScanResult.INVALID_SIGNATURE);
}
