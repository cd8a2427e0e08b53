package io.holdfast.edge.auth;

import io.holdfast.contracts.problem.Problem;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Verifies RS256 access tokens. One instance per event loop: its {@link Signature} and its cache
 * are never shared, so verification runs in parallel on every core (vertx-auth-jwt verifies
 * under one lock per key: about 940/s on this box) and a token is verified once until it
 * expires. The algorithm is pinned: anything but RS256 with one of our key IDs is refused. The
 * keys are the current one and any previous ones, so tokens signed before a key rotation keep
 * working until they expire.
 */
public final class TokenVerifier {
  private static final int CACHE_LIMIT = 200_000;
  private static final Base64.Decoder B64 = Base64.getUrlDecoder();

  private final Map<String, PublicKey> keys;
  private final String issuer;
  private final String audience;
  private final Signature signature;
  private final Map<TokenKey, Caller> verified = new HashMap<>();

  /**
   * A token as a cache key. Each request brings its token as a new string, and hashing all of
   * its ~600 characters cost more than the lookup; the last characters are signature bytes,
   * random, so they hash as well (and only verified tokens enter the cache, so no one can
   * fill it with colliding ones). Equality still compares the whole token.
   */
  private record TokenKey(String token) {
    @Override
    public int hashCode() {
      int h = token.length();
      for (int i = Math.max(0, token.length() - 24); i < token.length(); i++) {
        h = 31 * h + token.charAt(i);
      }
      return h;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof TokenKey k && token.equals(k.token);
    }
  }

  public TokenVerifier(PublicKey key, String kid, String issuer, String audience) {
    this(Map.of(kid, key), issuer, audience);
  }

  /** {@code keys}: key ID → public key, the current key and the previous ones. */
  public TokenVerifier(Map<String, ? extends PublicKey> keys, String issuer, String audience) {
    this.keys = Map.copyOf(keys);
    this.issuer = issuer;
    this.audience = audience;
    try {
      this.signature = Signature.getInstance("SHA256withRSA");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA256withRSA is not available", e);
    }
  }

  /** The caller the token names, or a 401 problem saying why not. */
  public Caller verify(String token, long nowSeconds) {
    TokenKey key = new TokenKey(token);
    Caller cached = verified.get(key);
    if (cached != null) {
      if (cached.expiresAt() > nowSeconds) {
        return cached;
      }
      verified.remove(key);
      throw unauthorized("The token has expired");
    }
    Caller caller = check(token, nowSeconds);
    if (verified.size() >= CACHE_LIMIT) {
      verified.clear();
    }
    verified.put(key, caller);
    return caller;
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
