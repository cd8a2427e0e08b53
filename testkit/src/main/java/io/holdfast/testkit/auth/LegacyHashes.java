package io.holdfast.testkit.auth;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/** Password hashes as accounts made before Argon2id have them, which logins must still accept. */
public final class LegacyHashes {
  private LegacyHashes() {}

  /** {@code pbkdf2-sha256$<iterations>$<salt>$<hash>}, base64url without padding, salted afresh. */
  public static String pbkdf2(String password, int iterations) {
    byte[] salt = new byte[16];
    new SecureRandom().nextBytes(salt);
    try {
      byte[] hash = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
          .generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, 256))
          .getEncoded();
      Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
      return "pbkdf2-sha256$" + iterations + "$" + b64.encodeToString(salt) + "$"
          + b64.encodeToString(hash);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
