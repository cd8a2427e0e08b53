package io.holdfast.documents;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Base64;
import java.util.UUID;

/** Tickets as the tests of this module need them: codes shaped like signed ones. */
final class Sheets {
  private static final SecureRandom RANDOM = new SecureRandom();

  private Sheets() {}

  /** A code like a signed one: base64url of a payload, a dot, base64url of 64 bytes. */
  static String code() {
    byte[] payload = new byte[56];
    byte[] signature = new byte[64];
    RANDOM.nextBytes(payload);
    RANDOM.nextBytes(signature);
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    return b64.encodeToString(payload) + "." + b64.encodeToString(signature);
  }

  static TicketSheet reserved(String holder) {
    return new TicketSheet(UUID.randomUUID().toString(), code(), "The Loopback Quartet: Live",
        Instant.parse("2026-12-12T19:30:00Z"), ZoneId.of("Europe/Paris"), "The Loopback Arena",
        "A", "Stalls", "A-12-7", 118, holder, UUID.randomUUID().toString(), 4250, "EUR");
  }

  static TicketSheet general(int slot) {
    return new TicketSheet(UUID.randomUUID().toString(), code(), "Open Air Night",
        Instant.parse("2026-07-01T18:00:00Z"), ZoneId.of("UTC"), "Riverside Park", "GA",
        "Field", null, slot, "Ada Lovelace", UUID.randomUUID().toString(), 2500, "USD");
  }
}
