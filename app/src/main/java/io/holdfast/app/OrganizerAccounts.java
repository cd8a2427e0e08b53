package io.holdfast.app;

import io.holdfast.accounts.OrganizerEmails;
import io.holdfast.edge.auth.AccountMail;
import io.holdfast.edge.auth.Passwords;
import io.holdfast.accounts.UserRepository;
import io.holdfast.accounts.UserRepository.User;
import io.holdfast.support.config.Setting;
import io.holdfast.support.config.Settings;
import io.holdfast.support.db.Database;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The organizer accounts the operator lists ({@link OrganizerEmails}), made at start, before the
 * API serves anyone. Typing an address proves nothing, so a listed address becomes organizer
 * only once it is verified (its emailed link used; {@link AccountMail}): the platform creates
 * each listed account that does not exist yet with the operator's initial password
 * ({@code HOLDFAST_ORGANIZER_PASSWORD_FILE}; the organizer changes it with {@code PATCH /v1/me})
 * and sends it the link. A listed address someone registered gets the role the same way, when
 * its owner uses the link. The role is granted at verification only, so an account an admin
 * took it from later is not given it again.
 */
final class OrganizerAccounts {
  private static final Logger LOG = LoggerFactory.getLogger(OrganizerAccounts.class);
  static final Setting PASSWORD_FILE = Setting.none("HOLDFAST_ORGANIZER_PASSWORD_FILE",
      "organizers.initialPasswordFile", null, "file holding the initial password of the "
      + "organizer accounts the platform creates; a listed email with no account and no such "
      + "file stops the start");
  /** That password itself (read from {@link #PASSWORD_FILE}; tests set it directly). */
  static final String PASSWORD = "organizers.initialPassword";
  private static final List<String> ROLES = List.of("buyer");

  private final Vertx vertx;
  private final JsonObject config;
  private final List<String> emails;
  private final String password;

  /** Reads the settings, and the password file if one is set (at start, off any event loop). */
  OrganizerAccounts(Vertx vertx, JsonObject config) {
    this.vertx = vertx;
    this.config = config;
    this.emails = OrganizerEmails.of(config).all();
    String file = PASSWORD_FILE.string(config);
    try {
      this.password = file == null ? Settings.string(config, PASSWORD, null)
          : Files.readString(Path.of(file)).strip();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the organizers' initial password file", e);
    }
    if (password != null && (password.length() < 8 || password.length() > 256)) {
      throw new IllegalArgumentException("the organizers' initial password must be 8 to 256 "
          + "characters, as any account's");
    }
  }

  /** Makes every listed account that is missing; fails naming an address it could not make. */
  Future<Void> provision() {
    if (emails.isEmpty()) {
      return Future.succeededFuture();
    }
    Pool pool = Database.pool(vertx, config);
    UserRepository users = new UserRepository(pool);
    AccountMail mail = new AccountMail(pool, config);
    Passwords passwords = Passwords.create(vertx, config);
    Future<Void> done = Future.succeededFuture();
    for (String email : emails) {
      done = done.compose(ignored -> users.byEmail(email))
          .compose(user -> user != null ? keep(user) : create(users, passwords, mail, email));
    }
    return done.eventually(() -> Future.join(passwords.close(), pool.close()));
  }

  private static Future<Void> keep(User user) {
    if (user.roles().contains("organizer")) {
      return Future.succeededFuture();
    }
    if (user.emailVerified()) {
      LOG.warn("{} is listed as an organizer, but its account was verified before it was listed "
          + "(or an admin took the role), so it stays {}: an admin grants the role with POST "
          + "/v1/admin/users/{}/roles", user.email(), user.roles(), user.id());
    } else {
      LOG.info("{} is listed as an organizer: its account becomes one when the verification "
          + "link mailed to it is used (POST /v1/auth/verify-email/resend sends it again)",
          user.email());
    }
    return Future.succeededFuture();
  }

  private Future<Void> create(UserRepository users, Passwords passwords, AccountMail mail,
      String email) {
    if (password == null) {
      return Future.failedFuture(new IllegalArgumentException("HOLDFAST_ORGANIZER_EMAILS lists "
          + email + ", which has no account yet: set HOLDFAST_ORGANIZER_PASSWORD_FILE to a file "
          + "holding its initial password"));
    }
    return passwords.hash(password)
        .compose(hash -> users.insert(email, email.substring(0, email.indexOf('@')), hash, ROLES))
        .compose(user -> mail.sendVerification(user).<Void>map(sent -> {
          LOG.info("Created the account {} with the organizers' initial password: it becomes "
              + "organizer when the verification link mailed to it is used", email);
          return null;
        }))
        // Another node starting at the same time made it first: that is the same account.
        .recover(t -> t instanceof PgException pg && "23505".equals(pg.getSqlState())
            ? Future.succeededFuture() : Future.failedFuture(t));
  }
}
