package io.holdfast.edge.auth;

import io.holdfast.edge.http.Responses;
import io.holdfast.contracts.problem.ProblemException;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** Route handler: a valid bearer token or a 401; the caller is put on the context. */
public final class Authenticator implements Handler<RoutingContext> {
  private static final String KEY = "holdfast.caller";
  private static final String REFUSED = "holdfast.caller.refused";
  private final TokenVerifier verifier;

  public Authenticator(TokenVerifier verifier) {
    this.verifier = verifier;
  }

  public static Caller caller(RoutingContext ctx) {
    return ctx.get(KEY);
  }

  /**
   * For routes anyone may call that show more to some callers: without an Authorization header
   * the request goes on with no caller; with one, the token must be valid (401 otherwise).
   */
  public Handler<RoutingContext> optional() {
    return ctx -> {
      if (ctx.request().getHeader("Authorization") == null) {
        ctx.next();
      } else {
        handle(ctx);
      }
    };
  }

  /**
   * A valid bearer token with one of {@code roles}, or a 401 or 403 before the route runs (and
   * before a hot route claims its idempotency key, so a refusal is not kept under the key).
   */
  public Handler<RoutingContext> requiring(String... roles) {
    return ctx -> {
      Caller caller = identify(ctx);
      if (caller == null) {
        handle(ctx);
        return;
      }
      try {
        caller.require(roles);
      } catch (ProblemException e) {
        Responses.fail(ctx, e);
        return;
      }
      ctx.next();
    };
  }

  /**
   * The caller a request's bearer token names, verified (once per request), or null without a
   * valid one. Never answers: a route that needs a caller refuses in {@link #handle}.
   */
  public Caller identify(RoutingContext ctx) {
    Caller known = ctx.get(KEY);
    if (known != null || ctx.get(REFUSED) != null) {
      return known;
    }
    String header = ctx.request().getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      ctx.put(REFUSED, TokenVerifier.unauthorized("A bearer token is required"));
      return null;
    }
    try {
      Caller caller = verifier.verify(header.substring(7).trim(),
          System.currentTimeMillis() / 1000);
      ctx.put(KEY, caller);
      return caller;
    } catch (ProblemException e) {
      ctx.put(REFUSED, e);
      return null;
    }
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (identify(ctx) != null) {
      ctx.next();
      return;
    }
    RuntimeException refused = ctx.get(REFUSED);
    ctx.response().putHeader("WWW-Authenticate", "Bearer");
    Responses.fail(ctx, refused);
  }
}
