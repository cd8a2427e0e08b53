package io.holdfast.ledger.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The payload's bytes and the one-time passwords, without any server. */
@DisplayName("The code's payload and the rotating one-time password")
class CodeFormatTest {
  private static final CodePayload SEATED = new CodePayload(UUID.randomUUID(), UUID.randomUUID(),
      7, "A", 41, "A-3-12");

  @Test
  @DisplayName("a payload reads back as written, with and without a seat")
  void roundTrip() {
    assertThat(CodePayload.decode(SEATED.encode())).isEqualTo(SEATED);
    CodePayload general = new CodePayload(UUID.randomUUID(), UUID.randomUUID(), 1, "GA", 0, null);
    assertThat(general.encode()).hasSize(1 + 16 + 16 + 4 + 4 + 1 + 2 + 1);
    assertThat(CodePayload.decode(general.encode())).isEqualTo(general);
  }

  @Test
  @DisplayName("an unknown format, a short or long payload, or a length past the end is no payload")
  void strict() {
    byte[] bytes = SEATED.encode();
    byte[] otherFormat = bytes.clone();
    otherFormat[0] = 2;
    assertThat(CodePayload.decode(otherFormat)).isNull();
    for (int length = 0; length < bytes.length; length++) {
      assertThat(CodePayload.decode(Arrays.copyOf(bytes, length))).as("%d bytes", length).isNull();
    }
    assertThat(CodePayload.decode(Arrays.copyOf(bytes, bytes.length + 1))).isNull();
    byte[] longSection = bytes.clone();
    longSection[1 + 16 + 16 + 4 + 4] = (byte) 200;
    assertThat(CodePayload.decode(longSection)).isNull();
  }

  @Test
  @DisplayName("only canonical base64url decodes: padding and stray low bits are refused")
  void canonicalBase64() {
    assertThat(TicketCodes.decode("AQI")).containsExactly(1, 2);
    assertThat(TicketCodes.decode("AQJ")).isNull();
    assertThat(TicketCodes.decode("AQI=")).isNull();
    assertThat(TicketCodes.decode("A+I")).isNull();
    assertThat(TicketCodes.decode("")).isNull();
  }

  @Test
  @DisplayName("the otp is RFC 6238's HMAC-SHA256 truncation, six digits (RFC 6238's own vectors)")
  void rfc6238Vectors() {
    byte[] secret = "12345678901234567890123456789012".getBytes(StandardCharsets.US_ASCII);
    // RFC 6238 appendix B, SHA256: T=1 gives 46119246, T=0x23523EC gives 68084774 (8 digits).
    assertThat(RotatingCodes.otpOfStep(secret, 1)).isEqualTo("119246");
    assertThat(RotatingCodes.otpOfStep(secret, 0x23523EC)).isEqualTo("084774");
  }

  @Test
  @DisplayName("an otp is accepted one step either side, and refused two steps away or with another secret")
  void window() {
    byte[] secret = new byte[32];
    Arrays.fill(secret, (byte) 7);
    Instant at = Instant.ofEpochSecond(1_800_000_000L);
    String otp = RotatingCodes.otp(secret, at);
    assertThat(RotatingCodes.expiresAt(at)).isEqualTo(Instant.ofEpochSecond(1_800_000_015L));
    assertThat(RotatingCodes.verify(secret, otp, at)).isTrue();
    assertThat(RotatingCodes.verify(secret, otp, at.plusSeconds(15))).isTrue();
    assertThat(RotatingCodes.verify(secret, otp, at.minusSeconds(15))).isTrue();
    assertThat(RotatingCodes.verify(secret, otp, at.plusSeconds(30))).isFalse();
    assertThat(RotatingCodes.verify(secret, otp, at.minusSeconds(30))).isFalse();
    assertThat(RotatingCodes.verify(new byte[32], otp, at)).isFalse();
    assertThat(RotatingCodes.verify(secret, "12345", at)).isFalse();
    assertThat(RotatingCodes.verify(secret, "12345a", at)).isFalse();
  }
}
