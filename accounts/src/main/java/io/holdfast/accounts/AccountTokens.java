package io.holdfast.accounts;

import io.holdfast.support.crypto.Secrets;
import io.holdfast.support.jobs.HousekeepingVerticle.Chore;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Single-use tokens sent by email (the account_tokens table): verifying an address, resetting a
 * password. A token is 32 random bytes in base64url; only its SHA-256 is stored. Using one is a
 * single conditional update, so of two uses racing exactly one succeeds.
 */
public final class AccountTokens {
  /** Tokens that expired a day ago: kept that long so a late click still hears "expired". */
  public static final Chore EXPIRED = new Chore("expired account tokens", "delete from "
      + "account_tokens where token_hash in (select token_hash from account_tokens "
      + "where expires_at < now() - interval '1 day' order by expires_at limit $1)");

  /** What a token is for (stored as text). */
  public enum Purpose {
    VERIFY_EMAIL("verify_email"), PASSWORD_RESET("password_reset");

    private final String stored;

    Purpose(String stored) {
      this.stored = stored;
    }
  }

  /** The outcome of using a token: the account and address it proves, or why not. */
  public sealed interface Use {
    record Proven(UUID userId, String email) implements Use {}

    /** No token like it (or one for another purpose). */
    record Unknown() implements Use {}

    record Used(Instant usedAt) implements Use {}

    record Expired(Instant expiredAt) implements Use {}
  }

  private static final String INSERT = "insert into account_tokens (token_hash, user_id, purpose, "
      + "email, expires_at) values ($1, $2, $3, $4, $5)";
  private static final String USE = "update account_tokens set used_at = now() "
      + "where token_hash = $1 and purpose = $2 and used_at is null and expires_at > now() "
      + "returning user_id, email";
  private static final String WHY_NOT = "select used_at, expires_at from account_tokens "
      + "where token_hash = $1 and purpose = $2";
  /** Locks the account's row first: requests racing count one after another. */
  private static final String LOCK_ACCOUNT = "select 1 from users where id = $1 for update";
  private static final String RECENT = "select count(*) from account_tokens "
      + "where user_id = $1 and purpose = $2 and created_at > $3";

  private AccountTokens() {}

  /** A new token for {@code email} of the account, valid for {@code ttl}; answers the token. */
  public static Future<String> issue(SqlClient conn, UUID userId, Purpose purpose, String email,
      Duration ttl) {
    String token = Secrets.random(32);
    OffsetDateTime expires = OffsetDateTime.now(ZoneOffset.UTC).plus(ttl);
    return conn.preparedQuery(INSERT)
        .execute(Tuple.of(Secrets.hash(token), userId, purpose.stored, email, expires))
        .map(ignored -> token);
  }

  /** Uses the token once: it proves its account and address, or says why it does not. */
  public static Future<Use> use(SqlClient conn, String token, Purpose purpose) {
    byte[] hash = Secrets.hash(token);
    return conn.preparedQuery(USE).execute(Tuple.of(hash, purpose.stored)).compose(used -> {
      if (used.size() == 1) {
        Row row = used.iterator().next();
        return Future.succeededFuture(new Use.Proven(row.getUUID("user_id"),
            row.getString("email")));
      }
      return conn.preparedQuery(WHY_NOT).execute(Tuple.of(hash, purpose.stored)).map(rs -> {
        if (rs.size() == 0) {
          return new Use.Unknown();
        }
        Row row = rs.iterator().next();
        OffsetDateTime usedAt = row.getOffsetDateTime("used_at");
        return usedAt != null ? new Use.Used(usedAt.toInstant())
            : new Use.Expired(row.getOffsetDateTime("expires_at").toInstant());
      });
    });
  }

  /**
   * How many tokens of {@code purpose} the account was sent within {@code window}, holding the
   * account's row until the transaction ends (so a check-then-issue is not raced). The count is
   * a statement of its own, after the lock: a statement's snapshot is taken when it starts, so a
   * count in the locking statement would miss the tokens of the transaction it waited for.
   */
  public static Future<Long> recent(SqlClient conn, UUID userId, Purpose purpose,
      Duration window) {
    return conn.preparedQuery(LOCK_ACCOUNT).execute(Tuple.of(userId))
        .compose(locked -> conn.preparedQuery(RECENT).execute(Tuple.of(userId, purpose.stored,
            OffsetDateTime.now(ZoneOffset.UTC).minus(window))))
        .map(rs -> rs.iterator().next().getLong(0));
  }
}
