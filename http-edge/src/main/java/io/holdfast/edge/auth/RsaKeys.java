package io.holdfast.edge.auth;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** RSA keys for RS256 tokens: generation, PEM in and out, and the JWK of the public key. */
public final class RsaKeys {
  private RsaKeys() {}

  public static KeyPair generate() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("RSA is not available", e);
    }
  }

  public static String privatePem(KeyPair pair) {
    return pem("PRIVATE KEY", pair.getPrivate().getEncoded());
  }

  public static String publicPem(KeyPair pair) {
    return pem("PUBLIC KEY", pair.getPublic().getEncoded());
  }

  public static RSAPublicKey publicKey(String pem) {
    try {
      return (RSAPublicKey) KeyFactory.getInstance("RSA")
          .generatePublic(new X509EncodedKeySpec(der(pem)));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalArgumentException("jwt public key is not an RSA public key in PEM", e);
    }
  }

  public static PrivateKey privateKey(String pem) {
    try {
      return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der(pem)));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalArgumentException("jwt private key is not a PKCS#8 RSA key in PEM", e);
    }
  }

  /** The public key as a JWK: what {@code /.well-known/jwks.json} publishes. */
  public static JsonObject jwk(RSAPublicKey key, String kid) {
    return new JsonObject().put("kty", "RSA").put("use", "sig")
        .put("alg", "RS256").put("kid", kid)
        .put("n", unsigned(key.getModulus())).put("e", unsigned(key.getPublicExponent()));
  }

  /** A key set as a JWKS: {@code {"keys": [jwk, ...]}}. */
  public static JsonObject jwks(Map<String, RSAPublicKey> keys) {
    JsonArray list = new JsonArray();
    keys.forEach((kid, key) -> list.add(jwk(key, kid)));
    return new JsonObject().put("keys", list);
  }

  /**
   * The RSA keys of a JWKS document (such as a saved {@code /.well-known/jwks.json}), by key ID.
   * Anything but RSA signing keys with a key ID is refused: a typo must not silently drop a key.
   */
  public static Map<String, RSAPublicKey> fromJwks(String json) {
    Map<String, RSAPublicKey> keys = new LinkedHashMap<>();
    JsonArray list;
    try {
      list = new JsonObject(json).getJsonArray("keys");
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("previous jwt keys are not a JWKS document", e);
    }
    if (list == null) {
      throw new IllegalArgumentException("previous jwt keys: a JWKS needs a \"keys\" array");
    }
    for (int i = 0; i < list.size(); i++) {
      JsonObject jwk = list.getValue(i) instanceof JsonObject o ? o : new JsonObject();
      String kid = jwk.getString("kid");
      if (!"RSA".equals(jwk.getValue("kty")) || kid == null || kid.isBlank()
          || !(jwk.getValue("n") instanceof String n) || !(jwk.getValue("e") instanceof String e)) {
        throw new IllegalArgumentException(
            "previous jwt key " + i + " is not an RSA JWK with kid, n and e");
      }
      if (keys.put(kid, rsa(n, e)) != null) {
        throw new IllegalArgumentException("previous jwt keys repeat the kid " + kid);
      }
    }
    return keys;
  }

  private static RSAPublicKey rsa(String n, String e) {
    try {
      Base64.Decoder b64 = Base64.getUrlDecoder();
      return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
          new BigInteger(1, b64.decode(n)), new BigInteger(1, b64.decode(e))));
    } catch (GeneralSecurityException | IllegalArgumentException ex) {
      throw new IllegalArgumentException("a previous jwt key is not a valid RSA key", ex);
    }
  }

  private static String unsigned(BigInteger value) {
    byte[] bytes = value.toByteArray();
    int start = bytes.length > 1 && bytes[0] == 0 ? 1 : 0;
    byte[] trimmed = java.util.Arrays.copyOfRange(bytes, start, bytes.length);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(trimmed);
  }

  private static byte[] der(String pem) {
    String body = pem.replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", "");
    return Base64.getDecoder().decode(body);
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }
}
