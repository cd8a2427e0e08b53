package io.holdfast.support.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Random secrets handed out once (refresh tokens, partner client secrets, emailed tokens) and their stored form.
 * A secret is 32 random bytes, so a plain SHA-256 of it cannot be reversed or guessed: a slow
 * password hash would only cost time on every refresh.
 */
public final class Secrets {
  private static final SecureRandom RANDOM = new SecureRandom();

  private Secrets() {}

  /** {@code bytes} random bytes, base64url without padding. */
  public static String random(int bytes) {
    byte[] raw = new byte[bytes];
    RANDOM.nextBytes(raw);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
  }

  /** What is stored of a secret. */
  public static byte[] hash(String secret) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  /** Whether {@code secret} is the one stored as {@code stored}, in time independent of both. */
  public static boolean matches(String secret, byte[] stored) {
    byte[] actual = hash(secret);
    // With nothing stored (unknown client) the comparison still runs, against zeros.
    return MessageDigest.isEqual(actual, stored == null ? new byte[actual.length] : stored)
        && stored != null;
  }
}
