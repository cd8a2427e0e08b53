package io.holdfast.edge.routes;

import io.holdfast.contracts.problem.Problem;
import io.holdfast.support.crypto.Secrets;
import io.holdfast.edge.auth.TokenIssuer;
import io.holdfast.accounts.RefreshTokenRepository;
import io.holdfast.accounts.UserRepository.User;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.UUID;

/**
 * A session is a short-lived access token plus a refresh token that rotates: each refresh
 * answers a new pair and the old refresh token stops working. A refresh token is 32 random
 * bytes, handed out once and stored only as its SHA-256.
 */
final class Sessions {
  static final int REFRESH_TOKEN_BYTES = 32;

  private final TokenIssuer issuer;
  private final RefreshTokenRepository refreshTokens;

  Sessions(TokenIssuer issuer, RefreshTokenRepository refreshTokens) {
    this.issuer = issuer;
    this.refreshTokens = refreshTokens;
  }

  /** A new session (a new family of refresh tokens) for a user who just proved who they are. */
  Future<JsonObject> start(User user) {
    String refresh = Secrets.random(REFRESH_TOKEN_BYTES);
    return refreshTokens.start(user.id(), Secrets.hash(refresh))
        .map(ignored -> tokens(user, refresh));
  }

  /** The next pair of a session, with the roles the user has now; 401 if the token is spent. */
  Future<JsonObject> refresh(String refreshToken) {
    String next = Secrets.random(REFRESH_TOKEN_BYTES);
    return refreshTokens.rotate(Secrets.hash(refreshToken), Secrets.hash(next))
        .compose(user -> user == null
            ? Future.failedFuture(Problem.of(401, "invalid-refresh-token",
                "Invalid refresh token", "The refresh token is unknown, expired, revoked or "
                    + "used already (using one twice ends its session); log in again")
                .toException())
            : Future.succeededFuture(tokens(user, next)));
  }

  /** Ends the session of {@code refreshToken} if it is {@code userId}'s; otherwise nothing. */
  Future<Void> end(String refreshToken, UUID userId) {
    return refreshTokens.revokeFamily(Secrets.hash(refreshToken), userId);
  }

  private JsonObject tokens(User user, String refreshToken) {
    return new JsonObject().put("user", user.toJson())
        .put("accessToken", issuer.issue(user.id().toString(), user.roles()))
        .put("refreshToken", refreshToken)
        .put("tokenType", "Bearer")
        .put("expiresIn", issuer.ttlSeconds());
  }
}
