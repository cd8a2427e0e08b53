package io.holdfast.edge.routes;

import io.holdfast.contracts.problem.Problem;
import io.holdfast.contracts.problem.Problems;
import io.holdfast.edge.auth.AccountMail;
import io.holdfast.edge.auth.Authenticator;
import io.holdfast.edge.auth.Caller;
import io.holdfast.edge.auth.SessionCookies;
import io.holdfast.edge.http.BodyReader;
import io.holdfast.edge.http.Reply;
import io.holdfast.accounts.RefreshTokenRepository;
import io.holdfast.accounts.UserRepository.User;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.pgclient.PgException;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static io.holdfast.edge.http.Responses.handle;

/**
 * Register, log in, refresh, log out, and who am I. Password hashing runs on its own worker
 * pool ({@link io.holdfast.edge.auth.Passwords}).
 */
public final class AccountRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(AccountRoutes.class);
  static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
  private static final Set<String> REFRESH_FIELDS = Set.of("refreshToken");

  private final Edge edge;
  private final Sessions sessions;
  private final AccountMail mail;
  private final SessionCookies cookies;

  public AccountRoutes(Edge edge, RefreshTokenRepository refreshTokens, AccountMail mail,
      long refreshTtlSeconds) {
    this.edge = edge;
    this.sessions = new Sessions(edge.issuer(), refreshTokens);
    this.mail = mail;
    this.cookies = new SessionCookies(refreshTtlSeconds);
  }

  public void mount(Router router) {
    router.post("/v1/auth/register").handler(handle(this::register));
    router.post("/v1/auth/login").handler(handle(this::login));
    router.post("/v1/auth/refresh").handler(handle(this::refresh));
    router.post("/v1/auth/logout").handler(edge.auth()).handler(handle(this::logout));
    router.get("/v1/me").handler(edge.auth()).handler(handle(this::me));
    router.patch("/v1/me").handler(edge.auth()).handler(handle(this::update));
  }

  private Future<Reply> register(RoutingContext ctx) {
    BodyReader body = BodyReader.of(ctx.body().buffer()).only(Set.of("email", "password", "name"));
    String email = body.string("email", true, 3, 254);
    String password = body.string("password", true, 8, 256);
    String name = body.string("name", true, 1, 200);
    if (email != null && !EMAIL.matcher(email).matches()) {
      body.error("email", "must be an email address");
    }
    body.validate();
    // Anyone may register any address, so registering proves nothing: a buyer, whatever the
    // address, sent a link that proves it. Other roles come from an admin, or from the
    // operator's list of organizer addresses once the link is used.
    return edge.passwords().hash(password)
        .compose(hash -> edge.users().insert(email, name, hash, List.of(Caller.BUYER)))
        .recover(t -> Future.failedFuture(t instanceof PgException pg
            && "23505".equals(pg.getSqlState())
            ? Problem.of(409, "email-taken", "Email taken",
                "An account with this email exists already").toException()
            : t))
        .compose(user -> mail.sendVerification(user)
            // The account stands; its owner asks for the link again (verify-email/resend).
            .onFailure(t -> LOG.warn("Could not send the verification link of {}", user.id(), t))
            .transform(ignored -> sessions.start(user)))
        .map(tokens -> Reply.created(session(ctx, tokens), "/v1/me"));
  }

  private Future<Reply> login(RoutingContext ctx) {
    BodyReader body = BodyReader.of(ctx.body().buffer()).only(Set.of("email", "password"));
    String email = body.string("email", true, 1, 254);
    String password = body.string("password", true, 1, 256);
    body.validate();
    // An unknown email costs the same hash as a wrong password: no account probing.
    return edge.users().byEmail(email).compose(user -> edge.passwords()
        .verify(password, user == null ? null : user.passwordHash())
        .compose(verdict -> verdict.matches()
            ? upgrade(user, verdict.rehashed()).compose(ignored -> sessions.start(user))
                .map(tokens -> Reply.ok(session(ctx, tokens)))
            : Future.failedFuture(Problem.of(401, "invalid-credentials", "Invalid credentials",
                "The email or the password is wrong").toException())));
  }

  /**
   * Stores the new hash of a password that matched an outdated one (another algorithm or other
   * costs), unless the password changed meanwhile. A failure costs only the upgrade: the next
   * login tries again.
   */
  private Future<Void> upgrade(User user, String rehashed) {
    if (rehashed == null) {
      return Future.succeededFuture();
    }
    return edge.users().rehash(user.id(), user.passwordHash(), rehashed)
        .<Void>mapEmpty()
        .recover(t -> {
          LOG.warn("Could not store the upgraded password hash of user {}", user.id(), t);
          return Future.succeededFuture();
        });
  }

  /** A browser's session comes back in cookies; anyone else's in the body. */
  private JsonObject session(RoutingContext ctx, JsonObject tokens) {
    return SessionCookies.wanted(ctx) ? cookies.hand(ctx, tokens) : tokens;
  }

  private Future<Reply> refresh(RoutingContext ctx) {
    if (SessionCookies.carried(ctx)) {
      return sessions.refresh(SessionCookies.refreshToken(ctx))
          .onFailure(t -> SessionCookies.clear(ctx))
          .map(tokens -> Reply.ok(cookies.hand(ctx, tokens)));
    }
    return sessions.refresh(refreshToken(ctx)).map(tokens -> Reply.ok(session(ctx, tokens)));
  }

  /**
   * Ends the session of the refresh token sent (in the body, or the browser's cookie, which is
   * then cleared); someone else's token is left alone.
   */
  private Future<Reply> logout(RoutingContext ctx) {
    UUID userId = UUID.fromString(Authenticator.caller(ctx).id());
    if (SessionCookies.carried(ctx)) {
      String token = SessionCookies.refreshToken(ctx);
      SessionCookies.clear(ctx);
      return sessions.end(token, userId).map(ignored -> Reply.noContent());
    }
    return sessions.end(refreshToken(ctx), userId).map(ignored -> Reply.noContent());
  }

  private static String refreshToken(RoutingContext ctx) {
    BodyReader body = BodyReader.of(ctx.body().buffer()).only(REFRESH_FIELDS);
    String token = body.string("refreshToken", true, 1, 512);
    body.validate();
    return token;
  }

  private Future<Reply> me(RoutingContext ctx) {
    UUID id = UUID.fromString(Authenticator.caller(ctx).id());
    return edge.users().byId(id).compose(user -> user == null
        ? Future.failedFuture(Problems.notFound("Account").toException())
        : Future.succeededFuture(Reply.ok(user.toJson())));
  }

  /**
   * Changes the name and/or the password. A new password needs the current one and ends every
   * session of the account (access tokens already issued live out their short lifetime).
   */
  private Future<Reply> update(RoutingContext ctx) {
    UUID id = UUID.fromString(Authenticator.caller(ctx).id());
    BodyReader body = BodyReader.of(ctx.body().buffer())
        .only(Set.of("name", "password", "currentPassword"));
    String name = body.string("name", false, 1, 200);
    String password = body.string("password", false, 8, 256);
    String current = body.string("currentPassword", body.has("password"), 1, 256);
    if (!body.has("name") && !body.has("password")) {
      body.error("name", "is required when password is not given: there is nothing to change");
    }
    if (body.has("currentPassword") && !body.has("password")) {
      body.error("currentPassword", "is only needed to change the password");
    }
    body.validate();
    return edge.users().byId(id)
        .compose(user -> user == null || password == null ? Future.succeededFuture(null)
            : newPasswordHash(user, current, password))
        .compose(hash -> edge.users().update(id, name, hash))
        .compose(user -> user == null
            ? Future.failedFuture(Problems.notFound("Account").toException())
            : Future.succeededFuture(Reply.ok(user.toJson())));
  }

  /** The hash of the new password, once the current one is proven. */
  private Future<String> newPasswordHash(User user, String current, String password) {
    // No upgrade of the current hash: it is replaced by the new password's anyway.
    return edge.passwords().matches(current, user.passwordHash())
        .compose(matches -> matches ? edge.passwords().hash(password)
            : Future.failedFuture(Problem.of(422, "wrong-current-password",
                    "Wrong current password", "currentPassword is not this account's password")
                .with("errors", new JsonArray().add(new JsonObject()
                    .put("field", "currentPassword").put("message", "is wrong")))
                .toException()));
  }
}
