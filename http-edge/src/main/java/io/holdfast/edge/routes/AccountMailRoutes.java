package io.holdfast.edge.routes;

import io.holdfast.contracts.problem.Problem;
import io.holdfast.contracts.problem.Problems;
import io.holdfast.edge.auth.AccountMail;
import io.holdfast.edge.auth.Authenticator;
import io.holdfast.edge.http.BodyReader;
import io.holdfast.edge.http.Reply;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static io.holdfast.edge.http.Responses.handle;

/**
 * The account routes that go through a mailbox: verifying the address (the link sent at
 * registration, or again on request) and resetting a forgotten password.
 */
public final class AccountMailRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(AccountMailRoutes.class);
  public static final String RESET = "/v1/auth/password-reset";
  public static final String RESET_CONFIRM = "/v1/auth/password-reset/confirm";
  public static final String VERIFY = "/v1/auth/verify-email";
  private static final JsonObject RESET_ANSWER = new JsonObject().put("accepted", true)
      .put("message", "If an account has this address, a link to reset its password is on its "
          + "way; it works once, for a limited time");

  private final Edge edge;
  private final AccountMail mail;

  public AccountMailRoutes(Edge edge, AccountMail mail) {
    this.edge = edge;
    this.mail = mail;
  }

  public void mount(Router router) {
    router.post(VERIFY).handler(handle(this::verify));
    router.post(VERIFY + "/resend").handler(edge.auth()).handler(handle(this::resend));
    router.post(RESET).handler(handle(this::requestReset));
    router.post(RESET_CONFIRM).handler(handle(this::confirmReset));
  }

  /** {@code {token}} from the emailed link → 200 the account, its address verified. */
  private Future<Reply> verify(RoutingContext ctx) {
    BodyReader body = BodyReader.of(ctx.body().buffer()).only(Set.of("token"));
    String token = body.string("token", true, 1, 128);
    body.validate();
    return mail.verify(token).map(user -> Reply.ok(user.toJson()));
  }

  /** Sends the caller's verification link again: 202, or 409 when it is verified already. */
  private Future<Reply> resend(RoutingContext ctx) {
    UUID id = UUID.fromString(Authenticator.caller(ctx).id());
    return edge.users().byId(id).compose(user -> {
      if (user == null) {
        return Future.failedFuture(Problems.notFound("Account").toException());
      }
      if (user.emailVerified()) {
        return Future.failedFuture(Problem.of(409, "already-verified", "Already verified",
            user.email() + " is verified already").toException());
      }
      return mail.sendVerification(user).compose(sent -> sent
          ? Future.succeededFuture(Reply.accepted(new JsonObject().put("sent", true)))
          : Future.failedFuture(Problem.of(429, "too-many-mails", "Too many mails",
              "Verification links were sent several times within the hour; use the last one "
              + "or try again later").toException()));
    });
  }

  /**
   * {@code {email}} → 202 with the same answer whether or not an account has it; the work
   * (lookup, throttle, token, mail) happens after the answer, so its time tells nothing either.
   */
  private Future<Reply> requestReset(RoutingContext ctx) {
    BodyReader body = BodyReader.of(ctx.body().buffer()).only(Set.of("email"));
    String email = body.string("email", true, 3, 254);
    body.validate();
    mail.requestReset(email).onFailure(t -> LOG.warn("Could not send a password reset", t));
    return Future.succeededFuture(Reply.accepted(RESET_ANSWER.copy()));
  }

  /** {@code {token, password}} → 200 the account: the new password is set, sessions end. */
  private Future<Reply> confirmReset(RoutingContext ctx) {
    BodyReader body = BodyReader.of(ctx.body().buffer()).only(Set.of("token", "password"));
    String token = body.string("token", true, 1, 128);
    String password = body.string("password", true, 8, 256);
    body.validate();
    return edge.passwords().hash(password)
        .compose(hash -> mail.reset(token, hash))
        .map(user -> Reply.ok(user.toJson()));
  }
}
