package io.holdfast.app;

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
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The organizer accounts the operator lists ({@code HOLDFAST_ORGANIZER_EMAILS}), made at start,
 * before the API serves anyone. Registering an address proves nothing (anyone may type any
 * address), so a listed address never becomes organizer by registering: the platform creates
 * each listed account that does not exist yet, as organizer, with the operator's initial
 * password ({@code HOLDFAST_ORGANIZER_PASSWORD_FILE}; the organizer changes it with {@code PATCH
 * /v1/me}). A listed address someone registered first is left a buyer and named in a warning:
 * an admin grants the role ({@code POST /v1/admin/users/{id}/roles}) once its owner is known.
 * An account that has the role keeps it; one an admin took it from is not given it again.
 */
final class OrganizerAccounts {
  private static final Logger LOG = LoggerFactory.getLogger(OrganizerAccounts.class);
  static final Setting EMAILS = Setting.none("HOLDFAST_ORGANIZER_EMAILS", "organizers.emails",
      null, "comma-separated emails of organizer accounts the platform creates at start if "
      + "missing; registering with one of them makes a buyer");
  static final Setting PASSWORD_FILE = Setting.none("HOLDFAST_ORGANIZER_PASSWORD_FILE",
      "organizers.initialPasswordFile", null, "file holding the initial password of the "
      + "organizer accounts the platform creates; a listed email with no account and no such "
      + "file stops the start");
  /** That password itself (read from {@link #PASSWORD_FILE}; tests set it directly). */
  static final String PASSWORD = "organizers.initialPassword";
  private static final List<String> ROLES = List.of("buyer", "organizer");

  private final Vertx vertx;
  private final JsonObject config;
  private final List<String> emails;
  private final String password;

  /** Reads the settings, and the password file if one is set (at start, off any event loop). */
  OrganizerAccounts(Vertx vertx, JsonObject config) {
    this.vertx = vertx;
    this.config = config;
    this.emails = Arrays.stream(EMAILS.string(config, "").split(","))
        .map(e -> e.trim().toLowerCase(Locale.ROOT)).filter(e -> !e.isEmpty()).distinct()
        .toList();
    for (String email : emails) {
      if (email.indexOf('@') < 1) {
        throw new IllegalArgumentException("HOLDFAST_ORGANIZER_EMAILS: " + email
            + " is not an email address");
      }
    }
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
    Passwords passwords = Passwords.create(vertx, config);
    Future<Void> done = Future.succeededFuture();
    for (String email : emails) {
      done = done.compose(ignored -> users.byEmail(email))
          .compose(user -> user != null ? keep(user) : create(users, passwords, email));
    }
    return done.eventually(() -> Future.join(passwords.close(), pool.close()));
  }

  private static Future<Void> keep(User user) {
    if (!user.roles().contains("organizer")) {
      LOG.warn("{} is listed as an organizer but its account was registered, not made by the "
          + "platform, so it stays {}: if it is yours, an admin grants the role with POST "
          + "/v1/admin/users/{}/roles", user.email(), user.roles(), user.id());
    }
    return Future.succeededFuture();
  }

  private Future<Void> create(UserRepository users, Passwords passwords, String email) {
    if (password == null) {
      return Future.failedFuture(new IllegalArgumentException("HOLDFAST_ORGANIZER_EMAILS lists "
          + email + ", which has no account yet: set HOLDFAST_ORGANIZER_PASSWORD_FILE to a file "
          + "holding its initial password"));
    }
    return passwords.hash(password)
        .compose(hash -> users.insert(email, email.substring(0, email.indexOf('@')), hash, ROLES))
        .<Void>map(user -> {
          LOG.info("Created the organizer account {} with the initial password", email);
          return null;
        })
        // Another node starting at the same time made it first: that is the same account.
        .recover(t -> t instanceof PgException pg && "23505".equals(pg.getSqlState())
            ? Future.succeededFuture() : Future.failedFuture(t));
  }
}
