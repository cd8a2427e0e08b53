package io.holdfast.edge.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Password hashes, each stored with its algorithm and parameters. New ones are Argon2id in the
 * PHC string format, {@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash} (base64 without padding);
 * older accounts may still have {@code pbkdf2-sha256$iterations$salt$hash} (base64url), which
 * verifies and is replaced on the account's next successful login. Deliberately slow and
 * memory-hungry: only {@link Passwords}' worker pool calls this.
 */
public final class PasswordHashes {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
  private static final Pattern ARGON2ID = Pattern.compile(
      "\\$argon2id\\$v=19\\$m=(\\d{1,8}),t=(\\d{1,3}),p=(\\d{1,2})\\$([A-Za-z0-9+/]{11,64})"
          + "\\$([A-Za-z0-9+/]{22,128})");
  private static final Pattern PBKDF2 = Pattern.compile(
      "pbkdf2-sha256\\$(\\d{1,7})\\$([A-Za-z0-9_-]{11,64})\\$([A-Za-z0-9_-]{22,128})");
  private static final int SALT_BYTES = 16;
  private static final int HASH_BYTES = 32;

  /** Argon2id's costs: memory in KiB, passes over it, lanes. */
  public record Cost(int memoryKib, int iterations, int parallelism) {
    public Cost {
      if (parallelism < 1 || parallelism > 16 || iterations < 1 || iterations > 100
          || memoryKib < 8 * parallelism || memoryKib > 4 * 1024 * 1024) {
        throw new IllegalArgumentException("Argon2id needs 1-16 lanes, 1-100 passes and 8 KiB "
            + "a lane to 4 GiB of memory: " + this);
      }
    }
  }

  /**
   * Whether the password matched, and if it did and the stored hash used another algorithm or
   * other costs than today's, the hash to store instead ({@code rehashed}, else null).
   */
  public record Verdict(boolean matches, String rehashed) {}

  private final Cost cost;
  /** What an unknown account's password is checked against: the same work as a real one. */
  private final String dummy;

  public PasswordHashes(Cost cost) {
    this.cost = cost;
    this.dummy = argon2(cost, new byte[SALT_BYTES], new byte[HASH_BYTES]);
  }

  public String hash(String password) {
    byte[] salt = new byte[SALT_BYTES];
    RANDOM.nextBytes(salt);
    return argon2(cost, salt, argon2id(password, salt, cost));
  }

  /**
   * Checks a password. With no stored hash, or one that is no password hash (a partner's
   * account cannot log in), it does the work of today's hash and answers no match, so an
   * unknown email costs the same time as a wrong password.
   */
  public Verdict verify(String password, String stored) {
    return verify(password, stored, true);
  }

  /** As {@link #verify(String, String)}; without {@code upgrade} no replacement is made. */
  public Verdict verify(String password, String stored, boolean upgrade) {
    Matcher argon = stored == null ? null : ARGON2ID.matcher(stored);
    Matcher pbkdf2 = stored == null ? null : PBKDF2.matcher(stored);
    try {
      if (argon != null && argon.matches()) {
        Cost used = new Cost(Integer.parseInt(argon.group(1)), Integer.parseInt(argon.group(2)),
            Integer.parseInt(argon.group(3)));
        byte[] salt = Base64.getDecoder().decode(argon.group(4));
        byte[] expected = Base64.getDecoder().decode(argon.group(5));
        return verdict(MessageDigest.isEqual(expected,
            argon2id(password, salt, used, expected.length)), password,
            upgrade && !used.equals(cost));
      }
      if (pbkdf2 != null && pbkdf2.matches()) {
        byte[] salt = Base64.getUrlDecoder().decode(pbkdf2.group(2));
        byte[] expected = Base64.getUrlDecoder().decode(pbkdf2.group(3));
        return verdict(MessageDigest.isEqual(expected, pbkdf2(password, salt,
            Integer.parseInt(pbkdf2.group(1)), expected.length)), password, upgrade);
      }
    } catch (IllegalArgumentException e) {
      // Costs out of range or bad base64: not a hash this code made; treated as none below.
    }
    verify(password, dummy, false);
    return new Verdict(false, null);
  }

  private Verdict verdict(boolean matches, String password, boolean outdated) {
    return new Verdict(matches, matches && outdated ? hash(password) : null);
  }

  private static String argon2(Cost cost, byte[] salt, byte[] hash) {
    return "$argon2id$v=19$m=" + cost.memoryKib() + ",t=" + cost.iterations() + ",p="
        + cost.parallelism() + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
  }

  private static byte[] argon2id(String password, byte[] salt, Cost cost) {
    return argon2id(password, salt, cost, HASH_BYTES);
  }

  private static byte[] argon2id(String password, byte[] salt, Cost cost, int length) {
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
        .withVersion(Argon2Parameters.ARGON2_VERSION_13).withSalt(salt)
        .withMemoryAsKB(cost.memoryKib()).withIterations(cost.iterations())
        .withParallelism(cost.parallelism()).build());
    byte[] out = new byte[length];
    generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
    return out;
  }

  /** The hashes made before Argon2id: only verified now, never made. */
  private static byte[] pbkdf2(String password, byte[] salt, int iterations, int length) {
    try {
      PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, length * 8);
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec)
          .getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available", e);
    }
  }
}
