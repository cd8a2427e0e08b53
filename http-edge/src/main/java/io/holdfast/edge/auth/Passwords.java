package io.holdfast.edge.auth;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * PBKDF2-HMAC-SHA256 password hashes, {@code pbkdf2-sha256$iterations$salt$hash}. Deliberately
 * slow: callers run it on a worker thread, never on an event loop.
 */
public final class Passwords {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String DUMMY = "pbkdf2-sha256$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

  private final int iterations;

  public Passwords(int iterations) {
    this.iterations = iterations;
  }

  public String hash(String password) {
    byte[] salt = new byte[16];
    RANDOM.nextBytes(salt);
    return "pbkdf2-sha256$" + iterations + "$" + b64(salt) + "$"
        + b64(derive(password, salt, iterations));
  }

  /**
   * Checks a password; with no stored hash, or one that is no password hash (a partner's
   * account cannot log in), it spends the same time and answers false.
   */
  public boolean verify(String password, String stored) {
    boolean usable = stored != null && stored.startsWith("pbkdf2-sha256$")
        && stored.split("\\$").length == 4;
    String[] parts = (usable ? stored : DUMMY.replace("$1$", "$" + iterations + "$"))
        .split("\\$");
    byte[] salt = Base64.getUrlDecoder().decode(parts[2]);
    byte[] expected = Base64.getUrlDecoder().decode(parts[3]);
    byte[] actual = derive(password, salt, Integer.parseInt(parts[1]));
    return MessageDigest.isEqual(expected, actual) && usable;
  }

  private static byte[] derive(String password, byte[] salt, int iterations) {
    try {
      PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, 256);
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec)
          .getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available", e);
    }
  }

  private static String b64(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
