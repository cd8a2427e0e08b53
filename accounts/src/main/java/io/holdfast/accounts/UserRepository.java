package io.holdfast.accounts;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** Accounts in PostgreSQL. */
public final class UserRepository {
  private final Pool pool;

  public UserRepository(Pool pool) {
    this.pool = pool;
  }

  /** A stored account, with its password hash (never sent to anyone). */
  public record User(UUID id, String email, String name, String passwordHash, List<String> roles,
      boolean emailVerified) {
    public JsonObject toJson() {
      return new JsonObject().put("id", id.toString()).put("email", email).put("name", name)
          .put("roles", new JsonArray(roles)).put("emailVerified", emailVerified);
    }
  }

  /** Inserts an account; fails with a unique violation (23505) when the email is taken. */
  public Future<User> insert(String email, String name, String passwordHash, List<String> roles) {
    UUID id = UUID.randomUUID();
    return pool.preparedQuery(
            "insert into users (id, email, name, password_hash, roles) values ($1, $2, $3, $4, $5)")
        .execute(Tuple.of(id, email, name, passwordHash, roles.toArray(new String[0])))
        .map(rs -> new User(id, email, name, passwordHash, roles, false));
  }

  /**
   * No password hash matches this: an invited account cannot log in until a password is set
   * for it (the password-reset flow).
   */
  public static final String NO_PASSWORD = "!";

  /**
   * The account with this email, or a new buyer account for it that cannot log in yet
   * ({@link #NO_PASSWORD}), named after the email's local part. Two calls racing for one new
   * email both answer the one account that was inserted.
   */
  public Future<User> findOrInvite(String email) {
    String name = email.substring(0, Math.max(0, email.indexOf('@')));
    return pool.preparedQuery("insert into users (id, email, name, password_hash, roles) "
            + "values ($1, $2, $3, $4, $5) on conflict do nothing")
        .execute(Tuple.of(UUID.randomUUID(), email, name.isEmpty() ? email : name, NO_PASSWORD,
            new String[] {"buyer"}))
        .compose(inserted -> byEmail(email));
  }

  public Future<User> byEmail(String email) {
    return pool.preparedQuery("select * from users where lower(email) = lower($1)")
        .execute(Tuple.of(email))
        .map(rs -> rs.size() == 0 ? null : user(rs.iterator().next()));
  }

  public Future<User> byId(UUID id) {
    return pool.preparedQuery("select * from users where id = $1")
        .execute(Tuple.of(id))
        .map(rs -> rs.size() == 0 ? null : user(rs.iterator().next()));
  }

  /**
   * Changes the name and/or the password hash (null: unchanged). A new password ends every
   * session in the same statement: each refresh-token family of the user is revoked.
   */
  public Future<User> update(UUID id, String name, String passwordHash) {
    return update(pool, id, name, passwordHash);
  }

  /** {@link #update(UUID, String, String)} on the caller's connection (its transaction). */
  public Future<User> update(SqlClient conn, UUID id, String name, String passwordHash) {
    return conn.preparedQuery("with changed as (update users set name = coalesce($2, name), "
            + "password_hash = coalesce($3, password_hash) where id = $1 returning *), "
            + "ended as (update refresh_tokens set revoked_at = now() where user_id = $1 "
            + "and revoked_at is null and $3::text is not null) select * from changed")
        .execute(Tuple.of(id, name, passwordHash))
        .map(rs -> rs.size() == 0 ? null : user(rs.iterator().next()));
  }

  /**
   * Replaces an outdated password hash by a new hash of the same password; sessions go on. Only
   * while the stored hash is still {@code outdated}: a password changed meanwhile stays. Answers
   * whether it was replaced.
   */
  public Future<Boolean> rehash(UUID id, String outdated, String rehashed) {
    return pool.preparedQuery(
            "update users set password_hash = $3 where id = $1 and password_hash = $2")
        .execute(Tuple.of(id, outdated, rehashed))
        .map(rs -> rs.rowCount() == 1);
  }

  /**
   * Adds the roles {@code grant} and removes {@code revoke}, keeping the order of the others;
   * null when there is no such user.
   */
  public Future<User> changeRoles(UUID id, List<String> grant, List<String> revoke) {
    return pool.preparedQuery("update users set roles = array(select r from unnest(roles || "
            + "$2::text[]) with ordinality as t(r, i) where r <> all($3::text[]) group by r "
            + "order by min(i)) where id = $1 returning *")
        .execute(Tuple.of(id, grant.toArray(new String[0]), revoke.toArray(new String[0])))
        .map(rs -> rs.size() == 0 ? null : user(rs.iterator().next()));
  }

  /**
   * Records that the account's address is proven, if {@code email} is still its address; grants
   * {@code grant} (e.g. organizer, for a listed address) the first time only. Null when the
   * account is gone or its address changed since the link was sent.
   */
  public Future<User> verified(SqlClient conn, UUID id, String email, List<String> grant) {
    return conn.preparedQuery("update users set roles = case when email_verified_at is null "
            + "then array(select r from unnest(roles || $3::text[]) with ordinality as t(r, i) "
            + "group by r order by min(i)) else roles end, "
            + "email_verified_at = coalesce(email_verified_at, now()) "
            + "where id = $1 and lower(email) = lower($2) returning *")
        .execute(Tuple.of(id, email, grant.toArray(new String[0])))
        .map(rs -> rs.size() == 0 ? null : user(rs.iterator().next()));
  }

  static User user(Row row) {
    return new User(row.getUUID("id"), row.getString("email"), row.getString("name"),
        row.getString("password_hash"), Arrays.asList(row.getArrayOfStrings("roles")),
        row.getOffsetDateTime("email_verified_at") != null);
  }
}
