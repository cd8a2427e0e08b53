package io.holdfast.ledger.ticket;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Rotating codes: {@code <code>.<otp>}, where the otp is six decimal digits derived from the
 * ticket's secret and the 15-second time step (RFC 6238's construction with HMAC-SHA256): the
 * step {@code floor(unix seconds / 15)} as 8 big-endian bytes, HMAC-SHA256 under the secret,
 * RFC 4226's dynamic truncation (offset = low 4 bits of the last byte, 31 bits from there),
 * modulo 10^6, zero-padded. The door accepts the current step and one on either side, so a
 * screenshot stops working within 30 to 45 seconds.
 */
public final class RotatingCodes {
  public static final int STEP_SECONDS = 15;
  /** Steps accepted on either side of the door's clock. */
  public static final int WINDOW = 1;
  private static final int DIGITS = 6;
  private static final int MODULUS = 1_000_000;

  private RotatingCodes() {}

  /** The otp for the step that contains {@code at}. */
  public static String otp(byte[] secret, Instant at) {
    return otpOfStep(secret, step(at));
  }

  /** When the otp of the step that contains {@code at} stops being current. */
  public static Instant expiresAt(Instant at) {
    return Instant.ofEpochSecond((step(at) + 1) * STEP_SECONDS);
  }

  /** Whether {@code otp} is the ticket's for the step of {@code now}, or one step off. */
  public static boolean verify(byte[] secret, String otp, Instant now) {
    if (!isOtp(otp)) {
      return false;
    }
    long step = step(now);
    boolean ok = false;
    for (long s = step - WINDOW; s <= step + WINDOW; s++) {
      // Every step compared, in constant time: the answer does not tell which one matched.
      ok |= MessageDigest.isEqual(otpOfStep(secret, s).getBytes(), otp.getBytes());
    }
    return ok;
  }

  /** Six decimal digits. */
  public static boolean isOtp(String text) {
    if (text == null || text.length() != DIGITS) {
      return false;
    }
    for (int i = 0; i < DIGITS; i++) {
      if (text.charAt(i) < '0' || text.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  static long step(Instant at) {
    return Math.floorDiv(at.getEpochSecond(), STEP_SECONDS);
  }

  static String otpOfStep(byte[] secret, long step) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      byte[] h = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
      int offset = h[h.length - 1] & 0x0f;
      int binary = ((h[offset] & 0x7f) << 24) | ((h[offset + 1] & 0xff) << 16)
          | ((h[offset + 2] & 0xff) << 8) | (h[offset + 3] & 0xff);
      return String.format("%06d", binary % MODULUS);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
    }
  }
}
