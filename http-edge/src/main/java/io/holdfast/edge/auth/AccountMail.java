package io.holdfast.edge.auth;

import io.holdfast.accounts.AccountTokens;
import io.holdfast.accounts.AccountTokens.Purpose;
import io.holdfast.accounts.AccountTokens.Use;
import io.holdfast.accounts.OrganizerEmails;
import io.holdfast.accounts.UserRepository;
import io.holdfast.accounts.UserRepository.User;
import io.holdfast.contracts.problem.Problem;
import io.holdfast.notify.Mail;
import io.holdfast.notify.Mailbox;
import io.holdfast.support.config.Setting;
import io.holdfast.support.config.Settings;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The account mail: a token (accounts' {@link AccountTokens}) and the mail carrying its link
 * (notify's {@link Mailbox}) are written in one transaction, so a mail is owed exactly for a
 * token that exists. Using a verification or reset token proves the address: a listed
 * organizer address ({@link OrganizerEmails}) then gets its role.
 */
public final class AccountMail {
  private static final Logger LOG = LoggerFactory.getLogger(AccountMail.class);
  public static final Setting RESET_TTL_MINUTES = Setting.number(
      "HOLDFAST_PASSWORD_RESET_TTL_MINUTES", "accounts.resetTtlMinutes", 30,
      "how long an emailed password-reset link works, minutes");
  public static final Setting MAILS_PER_HOUR = Setting.number("HOLDFAST_ACCOUNT_MAILS_PER_HOUR",
      "accounts.mailsPerHour", 3, "password-reset (and, separately, verification) mails one "
      + "account is sent per hour; further requests get the same answer and no mail");
  /** A verification link works two days: long enough for a mail read the next day. */
  static final Duration VERIFY_TTL = Duration.ofDays(2);
  static final String VERIFY_PAGE = "/verify-email?token=";
  static final String RESET_PAGE = "/reset-password?token=";

  private final Pool pool;
  private final UserRepository users;
  private final OrganizerEmails organizers;
  private final String publicUrl;
  private final Duration resetTtl;
  private final int perHour;

  public AccountMail(Pool pool, JsonObject config) {
    this.pool = pool;
    this.users = new UserRepository(pool);
    this.organizers = OrganizerEmails.of(config);
    this.publicUrl = Settings.PUBLIC_URL.string(config).replaceAll("/+$", "");
    this.resetTtl = Duration.ofMinutes(positive(config, RESET_TTL_MINUTES));
    this.perHour = positive(config, MAILS_PER_HOUR);
  }

  /**
   * Sends the account a link proving its address, unless it sent {@code perHour} already within
   * the hour; answers whether it did.
   */
  public Future<Boolean> sendVerification(User user) {
    return pool.withTransaction(conn -> AccountTokens.recent(conn, user.id(),
            Purpose.VERIFY_EMAIL, Duration.ofHours(1))
        .compose(recent -> recent >= perHour ? Future.succeededFuture(false)
            : AccountTokens.issue(conn, user.id(), Purpose.VERIFY_EMAIL, user.email(), VERIFY_TTL)
                .compose(token -> Mailbox.enqueue(conn, new Mail("verify-email:" + UUID.randomUUID(),
                    "verify-email", user.email(), new JsonObject().put("name", user.name())
                    .put("link", publicUrl + VERIFY_PAGE + token)
                    .put("expiresHours", VERIFY_TTL.toHours()))))
                .map(true)));
  }

  /**
   * Sends a password-reset link to the account of {@code email}, if there is one and it was not
   * sent {@code perHour} within the hour. The caller answers the same whatever happens here.
   */
  public Future<Void> requestReset(String email) {
    return users.byEmail(email).compose(user -> user == null ? Future.succeededFuture()
        : pool.withTransaction(conn -> AccountTokens.recent(conn, user.id(),
                Purpose.PASSWORD_RESET, Duration.ofHours(1))
            .compose(recent -> {
              if (recent >= perHour) {
                LOG.info("Password reset for account {} not sent: {} sent within the hour",
                    user.id(), recent);
                return Future.succeededFuture();
              }
              return AccountTokens.issue(conn, user.id(), Purpose.PASSWORD_RESET, user.email(),
                      resetTtl)
                  .compose(token -> Mailbox.enqueue(conn, new Mail("password-reset:"
                      + UUID.randomUUID(), "password-reset", user.email(), new JsonObject()
                      .put("name", user.name()).put("link", publicUrl + RESET_PAGE + token)
                      .put("expiresMinutes", resetTtl.toMinutes()))))
                  .mapEmpty();
            })));
  }

  /** Uses a verification token: the account, its address now proven. */
  public Future<User> verify(String token) {
    return pool.withTransaction(conn -> AccountTokens.use(conn, token, Purpose.VERIFY_EMAIL)
        .compose(use -> proven(conn, use)));
  }

  /**
   * Uses a reset token and sets the new password's {@code hash}, ending every session of the
   * account; the address is proven too (the link reached it).
   */
  public Future<User> reset(String token, String hash) {
    return pool.withTransaction(conn -> AccountTokens.use(conn, token, Purpose.PASSWORD_RESET)
        .compose(use -> proven(conn, use))
        .compose(user -> users.update(conn, user.id(), null, hash)));
  }

  private Future<User> proven(SqlClient conn, Use use) {
    if (use instanceof Use.Proven proven) {
      List<String> grant = organizers.listed(proven.email()) ? List.of("organizer") : List.of();
      return users.verified(conn, proven.userId(), proven.email(), grant)
          .compose(user -> user != null ? Future.succeededFuture(user)
              : Future.failedFuture(Problem.of(409, "email-changed", "Email changed",
                  "The account's email changed after this link was sent").toException()));
    }
    Problem problem;
    if (use instanceof Use.Used used) {
      problem = Problem.of(410, "token-used", "Link already used", "This link was used at "
          + used.usedAt() + "; each link works once").with("usedAt", used.usedAt().toString());
    } else if (use instanceof Use.Expired expired) {
      problem = Problem.of(410, "token-expired", "Link expired", "This link expired at "
          + expired.expiredAt() + "; ask for a new one")
          .with("expiredAt", expired.expiredAt().toString());
    } else {
      problem = Problem.of(400, "token-invalid", "Invalid link",
          "This link is not one Holdfast sent (it may be cut short)");
    }
    return Future.failedFuture(problem.toException());
  }

  private static int positive(JsonObject config, Setting setting) {
    int value = setting.integer(config);
    if (value < 1) {
      throw new IllegalArgumentException(setting.variable() + " must be at least 1: " + value);
    }
    return value;
  }
}
