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
 * expires. The algorithm is pinned: anything but RS256 with our key ID is refused.
 */
public final class TokenVerifier {
  private static final int CACHE_LIMIT = 200_000;
  private static final Base64.Decoder B64 = Base64.getUrlDecoder();

  private final PublicKey key;
  private final String kid;
  private final String issuer;
  private final String audience;
  private final Signature signature;
  private final Map<String, Caller> verified = new HashMap<>();

  public TokenVerifier(PublicKey key, String kid, String issuer, String audience) {
    this.key = key;
    this.kid = kid;
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
    Caller cached = verified.get(token);
    if (cached != null) {
      if (cached.expiresAt() > nowSeconds) {
        return cached;
      }
      verified.remove(token);
      throw unauthorized("The token has expired");
    }
    Caller caller = check(token, nowSeconds);
    if (verified.size() >= CACHE_LIMIT) {
      verified.clear();
    }
    verified.put(token, caller);
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
    if (!kid.equals(header.getValue("kid"))) {
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
    return new Caller(subject, Set.copyOf(roles), n.longValue());
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
