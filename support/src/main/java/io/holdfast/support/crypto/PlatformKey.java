package io.holdfast.support.crypto;

import io.holdfast.support.config.Setting;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The platform's one secret from configuration, and the keys derived from it for each purpose
 * (sealing the ticket signing keys in PostgreSQL, signing links in emails, ...). Every process of
 * a cluster must be given the same value. Each purpose gets its own key,
 * HMAC-SHA256(platform key, purpose), so a key leaked from one use opens nothing else.
 */
public final class PlatformKey {
  /** Unset: a development key written in this file, which production refuses (see Profile). */
  public static final Setting KEY = Setting.none("HOLDFAST_PLATFORM_KEY", "platform.key",
      "a fixed development key (refused by the production profile)",
      "the platform secret, base64 of at least 32 random bytes (openssl rand -base64 32); it "
      + "seals the per-event ticket keys in PostgreSQL and signs emailed links, so every process "
      + "needs the same value and changing it makes the sealed keys unreadable");

  /** Public on purpose: it is only the development default, never a production secret. */
  private static final byte[] DEVELOPMENT = "holdfast-development-platform-key-not-secret"
      .getBytes(StandardCharsets.US_ASCII);
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final byte[] secret;

  private PlatformKey(byte[] secret) {
    this.secret = secret;
  }

  /** The configured key; a clear error when it is not base64 of at least 32 bytes. */
  public static PlatformKey of(JsonObject config) {
    if (KEY.blank(config)) {
      return new PlatformKey(DEVELOPMENT);
    }
    String text = KEY.string(config, "").trim();
    byte[] decoded;
    try {
      decoded = Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      decoded = null;
    }
    if (decoded == null || decoded.length < 32) {
      throw new IllegalArgumentException(KEY.variable()
          + " must be base64 of at least 32 random bytes (openssl rand -base64 32)");
    }
    return new PlatformKey(decoded);
  }

  /** A 32-byte key for one purpose (a short constant naming it, e.g. "ticket-keys"). */
  public byte[] derive(String purpose) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return mac.doFinal(purpose.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
    }
  }

  /** AES-256-GCM under the purpose's key: nonce followed by ciphertext and tag. */
  public byte[] seal(String purpose, byte[] plain) {
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(derive(purpose), "AES"),
          new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
      byte[] sealed = cipher.doFinal(plain);
      byte[] out = Arrays.copyOf(nonce, NONCE_BYTES + sealed.length);
      System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
      return out;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is part of every JDK", e);
    }
  }

  /** What {@link #seal} sealed; fails when it was sealed under another key or altered. */
  public byte[] open(String purpose, byte[] sealed) throws GeneralSecurityException {
    if (sealed.length < NONCE_BYTES + TAG_BITS / 8) {
      throw new GeneralSecurityException("sealed value too short");
    }
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(derive(purpose), "AES"),
        new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
    cipher.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
    return cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
  }

  /** HMAC-SHA256 of {@code data} under the purpose's key. */
  public byte[] mac(String purpose, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(derive(purpose), "HmacSHA256"));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
    }
  }

  /** Constant-time comparison of two MACs. */
  public static boolean same(byte[] a, byte[] b) {
    return MessageDigest.isEqual(a, b);
  }

  /** Whether this is the development default (for warnings and the production profile). */
  public boolean development() {
    return secret == DEVELOPMENT;
  }
}
