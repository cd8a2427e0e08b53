package io.holdfast.edge.auth;

import io.holdfast.contracts.problem.Problem;
import io.holdfast.support.config.Setting;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Verifies RS256 access tokens. One instance per event loop: its {@link Signature} and its cache
 * are never shared, so verification runs in parallel on every core (vertx-auth-jwt verifies
 * under one lock per key: about 940/s on this box) and a token is verified once until it
 * expires or the bounded cache forgets it (see {@link VerifiedTokens}). The algorithm is
 * pinned: anything but RS256 with one of our key IDs is refused. The keys are the current one
 * and any previous ones, so tokens signed before a key rotation keep working until they expire.
 */
public final class TokenVerifier {
  public static final Setting CACHE_SIZE = Setting.number("HOLDFAST_TOKEN_CACHE_SIZE",
      "edge.tokenCacheSize", 200_000, "verified access tokens each edge verticle remembers; "
      + "the least recently used make room");
  private static final Base64.Decoder B64 = Base64.getUrlDecoder();

  private final Map<String, PublicKey> keys;
  private final String issuer;
  private final String audience;
  private final Signature signature;
  private final VerifiedTokens verified;

  public TokenVerifier(PublicKey key, String kid, String issuer, String audience) {
    this(Map.of(kid, key), issuer, audience, new JsonObject());
  }

  /**
   * {@code keys}: key ID → public key, the current key and the previous ones; the cache's size
   * from {@code config} ({@link #CACHE_SIZE}).
   */
  public TokenVerifier(Map<String, ? extends PublicKey> keys, String issuer, String audience,
      JsonObject config) {
    this(keys, issuer, audience, CACHE_SIZE.integer(config));
  }

  TokenVerifier(Map<String, ? extends PublicKey> keys, String issuer, String audience,
      int cacheSize) {
    this.keys = Map.copyOf(keys);
    this.issuer = issuer;
    this.audience = audience;
    this.verified = new VerifiedTokens(cacheSize);
    try {
      this.signature = Signature.getInstance("SHA256withRSA");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA256withRSA is not available", e);
    }
  }

  /** The caller the token names, or a 401 problem saying why not. */
  public Caller verify(String token, long nowSeconds) {
    VerifiedTokens.Digest key = verified.digest(token);
    Caller cached = verified.get(key, nowSeconds);
    if (cached != null) {
      return cached;
    }
    // Not cached, or expired (and now forgotten): the full check says which.
    Caller caller = check(token, nowSeconds);
    verified.put(key, caller, nowSeconds);
    return caller;
  }

  /** How many tokens the cache holds (for tests). */
  int cached() {
    return verified.size();
  }

  private Caller check(String token, long now) {
    int dot1 = token.indexOf('.');
    int dot2 = dot1 < 0 ? -1 : token.indexOf('.', dot1 + 1);
    if (dot1 <= 0 || dot2 <= dot1 + 1 || dot2 == token.length() - 1
        || token.indexOf('.', dot2 + 1) >= 0) {
      throw unauthorized("The token is not a signed JWT");
    }
    JsonObject header = part(token.substring(0, dot1));
    if (!"RS256".equals(header.getValue("alg"))) {
      throw unauthorized("The token must be signed with RS256");
    }
    PublicKey key = header.getValue("kid") instanceof String kid ? keys.get(kid) : null;
    if (key == null) {
      throw unauthorized("The token was signed with an unknown key");
    }
    try {
      signature.initVerify(key);
      signature.update(token.substring(0, dot2).getBytes(StandardCharsets.US_ASCII));
      if (!signature.verify(B64.decode(token.substring(dot2 + 1)))) {
        throw unauthorized("The token signature is invalid");
      }
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw unauthorized("The token signature is invalid");
    }
    JsonObject claims = part(token.substring(dot1 + 1, dot2));
    if (!issuer.equals(claims.getValue("iss"))) {
      throw unauthorized("The token has the wrong issuer");
    }
    if (!audienceMatches(claims.getValue("aud"))) {
      throw unauthorized("The token is for another audience");
    }
    Object exp = claims.getValue("exp");
    if (!(exp instanceof Number n) || n.longValue() <= now) {
      throw unauthorized("The token has expired");
    }
    Object sub = claims.getValue("sub");
    if (!(sub instanceof String subject) || subject.isEmpty()) {
      throw unauthorized("The token names no subject");
    }
    Set<String> roles = new HashSet<>();
    if (claims.getValue("roles") instanceof JsonArray array) {
      array.forEach(r -> roles.add(String.valueOf(r)));
    }
    // A partner's rate limit travels in its token, so limiting needs no lookup.
    int rpm = claims.getValue("rpm") instanceof Number r && r.longValue() > 0
        ? (int) Math.min(r.longValue(), Integer.MAX_VALUE) : 0;
    return new Caller(subject, Set.copyOf(roles), n.longValue(), rpm);
  }

  private boolean audienceMatches(Object aud) {
    if (aud instanceof String s) {
      return audience.equals(s);
    }
    return aud instanceof JsonArray array && array.contains(audience);
  }

  private static JsonObject part(String encoded) {
    try {
      return new JsonObject(new String(B64.decode(encoded), StandardCharsets.UTF_8));
    } catch (RuntimeException e) {
      throw unauthorized("The token is not a signed JWT");
    }
  }

  static RuntimeException unauthorized(String detail) {
    return Problem.of(401, "unauthorized", "Unauthorized", detail).toException();
  }
}
