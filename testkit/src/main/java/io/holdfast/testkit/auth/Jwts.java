package io.holdfast.testkit.auth;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Tokens made by hand, the way a forger would: any header, any claims, signed with any key or
 * not at all. Tests of what the edge refuses need them; the edge's own issuer makes only good ones.
 */
public final class Jwts {
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private Jwts() {}

  /** One base64url part of a token. */
  public static String part(JsonObject json) {
    return B64.encodeToString(json.encode().getBytes(StandardCharsets.UTF_8));
  }

  /** Header and claims signed with RS256 by {@code key}, whatever the header says. */
  public static String rs256(PrivateKey key, JsonObject header, JsonObject claims) {
    String input = part(header) + "." + part(claims);
    try {
      Signature signature = Signature.getInstance("SHA256withRSA");
      signature.initSign(key);
      signature.update(input.getBytes(StandardCharsets.US_ASCII));
      return input + "." + B64.encodeToString(signature.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** An RS256 token under {@code kid}, with the header our issuer writes. */
  public static String rs256(PrivateKey key, String kid, JsonObject claims) {
    return rs256(key, new JsonObject().put("alg", "RS256").put("typ", "JWT").put("kid", kid),
        claims);
  }

  /** Header and claims with an HMAC-SHA256 signature keyed by {@code secret}. */
  public static String hs256(byte[] secret, JsonObject header, JsonObject claims) {
    String input = part(header) + "." + part(claims);
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return input + "." + B64.encodeToString(
          mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The claims of a token, read without checking anything. */
  public static JsonObject claims(String token) {
    return new JsonObject(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]),
        StandardCharsets.UTF_8));
  }
}
