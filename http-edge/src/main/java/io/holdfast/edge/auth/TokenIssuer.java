package io.holdfast.edge.auth;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.util.Collection;
import java.util.List;

/** Signs access tokens (vertx-auth-jwt): RS256, with kid, iss, aud, sub, roles and exp. */
public final class TokenIssuer {
  private final JWTAuth jwt;
  private final String kid;
  private final String issuer;
  private final String audience;
  private final int ttlSeconds;

  public TokenIssuer(Vertx vertx, String privateKeyPem, String kid, String issuer,
      String audience, int ttlSeconds) {
    this.jwt = JWTAuth.create(vertx, new JWTAuthOptions().addPubSecKey(
        new PubSecKeyOptions().setAlgorithm("RS256").setId(kid).setBuffer(privateKeyPem)));
    this.kid = kid;
    this.issuer = issuer;
    this.audience = audience;
    this.ttlSeconds = ttlSeconds;
  }

  public int ttlSeconds() {
    return ttlSeconds;
  }

  public String issue(String userId, Collection<String> roles) {
    return issue(userId, roles, new JsonObject());
  }

  /** A partner's token: role partner, and its requests per minute in the claim {@code rpm}. */
  public String issuePartner(String userId, int requestsPerMinute) {
    return issue(userId, List.of(Caller.PARTNER), new JsonObject().put("rpm", requestsPerMinute));
  }

  private String issue(String userId, Collection<String> roles, JsonObject claims) {
    JWTOptions options = new JWTOptions().setAlgorithm("RS256").setIssuer(issuer)
        .setAudience(List.of(audience)).setSubject(userId).setExpiresInSeconds(ttlSeconds)
        .setHeader(new JsonObject().put("kid", kid));
    return jwt.generateToken(claims.put("roles", new JsonArray(List.copyOf(roles))), options);
  }
}
