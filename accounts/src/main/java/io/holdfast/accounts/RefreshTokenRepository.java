package io.holdfast.accounts;

import io.holdfast.support.jobs.HousekeepingVerticle.Chore;
import io.holdfast.accounts.UserRepository.User;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Refresh tokens in PostgreSQL, kept as hashes, grouped in families: one family per login, one
 * token of it usable at a time.
 */
public final class RefreshTokenRepository {
  /**
   * Sessions whose every token expired a day ago: whole families, since a family's tokens
   * point at their parents, and a spent token of a live family must stay to catch its reuse.
   */
  public static final Chore EXPIRED_SESSIONS = new Chore("expired sessions",
      "delete from refresh_tokens where family_id in (select r.family_id from refresh_tokens r "
      + "where r.expires_at < now() - interval '1 day' and not exists (select 1 "
      + "from refresh_tokens n where n.family_id = r.family_id "
      + "and n.expires_at >= now() - interval '1 day') order by r.expires_at limit $1)");

  /**
   * Marks a usable token used and stores its successor, in one statement: of two refreshes
   * with one token, the second waits for the first's row lock, then finds it used and stores
   * nothing. The user comes back with the roles they have now.
   */
  private static final String ROTATE = "with used as (update refresh_tokens set used_at = now() "
      + "where token_hash = $1 and used_at is null and revoked_at is null and expires_at > now() "
      + "returning id, family_id, user_id), "
      + "fresh as (insert into refresh_tokens (id, token_hash, family_id, parent_id, user_id, "
      + "expires_at) select $2, $3, family_id, id, user_id, $4 from used returning user_id) "
      + "select u.* from users u join fresh on fresh.user_id = u.id";

  private final Pool pool;
  private final int ttlSeconds;

  public RefreshTokenRepository(Pool pool, int ttlSeconds) {
    this.pool = pool;
    this.ttlSeconds = ttlSeconds;
  }

  /** Stores the first token of a new family. */
  public Future<Void> start(UUID userId, byte[] tokenHash) {
    return pool.preparedQuery("insert into refresh_tokens (id, token_hash, family_id, user_id, "
            + "expires_at) values ($1, $2, $3, $4, $5)")
        .execute(Tuple.of(UUID.randomUUID(), Buffer.buffer(tokenHash), UUID.randomUUID(), userId,
            expiry()))
        .mapEmpty();
  }

  /**
   * Replaces the token {@code oldHash} by {@code newHash}; answers its user, or null when the
   * token is unknown, expired, revoked or used already. A used one was copied: its family is
   * revoked, the newest token included.
   */
  public Future<User> rotate(byte[] oldHash, byte[] newHash) {
    return pool.preparedQuery(ROTATE)
        .execute(Tuple.of(Buffer.buffer(oldHash), UUID.randomUUID(), Buffer.buffer(newHash),
            expiry()))
        .compose(rs -> rs.size() == 1
            ? Future.succeededFuture(UserRepository.user(rs.iterator().next()))
            : revokeReused(oldHash).map(ignored -> (User) null));
  }

  private Future<Void> revokeReused(byte[] hash) {
    return pool.preparedQuery("update refresh_tokens set revoked_at = now() where family_id = "
            + "(select family_id from refresh_tokens where token_hash = $1 "
            + "and used_at is not null) and revoked_at is null")
        .execute(Tuple.of(Buffer.buffer(hash))).mapEmpty();
  }

  /** Logout: revokes the family of the token, if the token is {@code userId}'s. */
  public Future<Void> revokeFamily(byte[] hash, UUID userId) {
    return pool.preparedQuery("update refresh_tokens set revoked_at = now() where family_id = "
            + "(select family_id from refresh_tokens where token_hash = $1 and user_id = $2) "
            + "and revoked_at is null")
        .execute(Tuple.of(Buffer.buffer(hash), userId)).mapEmpty();
  }

  private OffsetDateTime expiry() {
    return OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(ttlSeconds);
  }
}
