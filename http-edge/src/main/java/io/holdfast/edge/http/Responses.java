package io.holdfast.edge.http;

import io.holdfast.contracts.problem.BusProblems;
import io.holdfast.contracts.problem.Problem;
import io.holdfast.contracts.problem.ProblemException;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.net.ConnectException;
import java.net.SocketException;
import java.util.function.Function;
import io.holdfast.support.log.LogFields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Ends every response: a {@link Reply} as JSON, any failure as problem+json. */
public final class Responses {
  private static final Logger LOG = LoggerFactory.getLogger(Responses.class);
  private static final String JSON = "application/json";
  private static final String PROBLEM = "application/problem+json";

  private Responses() {}

  /** Adapts a route written as "request in, future reply out" to a vertx-web handler. */
  public static Handler<RoutingContext> handle(Function<RoutingContext, Future<Reply>> route) {
    return handle(route, null);
  }

  /**
   * {@link #handle(Function)}, telling {@code answered} (if not null) of each answer once it is
   * sent: a meter of the route's answers and their time. It costs the route no object of its
   * own: the start is kept in the completion handler every request has anyway.
   */
  public static Handler<RoutingContext> handle(Function<RoutingContext, Future<Reply>> route,
      Answered answered) {
    return ctx -> {
      long began = answered == null ? 0 : System.nanoTime();
      Future<Reply> reply;
      try {
        reply = route.apply(ctx);
      } catch (RuntimeException e) {
        reply = Future.failedFuture(e);
      }
      reply.onComplete(ar -> {
        if (ar.succeeded()) {
          send(ctx, ar.result());
        } else {
          fail(ctx, ar.cause());
        }
        if (answered != null) {
          answered.answered(ctx, ar.cause(), began);
        }
      });
    };
  }

  /** Told of a route's answer, just sent (or sent before by the request's deadline). */
  @FunctionalInterface
  public interface Answered {
    /**
     * {@code failure}: what the route failed with, null when it succeeded;
     * {@code beganNanos}: {@link System#nanoTime()} when the route was called.
     */
    void answered(RoutingContext ctx, Throwable failure, long beganNanos);
  }

  public static void send(RoutingContext ctx, Reply reply) {
    HttpServerResponse response = ctx.response();
    if (response.ended()) {
      return;
    }
    response.setStatusCode(reply.status());
    if (reply.location() != null) {
      response.putHeader("Location", reply.location());
    }
    if (reply.body() == null) {
      response.end();
    } else {
      response.putHeader("Content-Type", JSON).end(reply.body());
    }
  }

  public static void fail(RoutingContext ctx, Throwable failure) {
    Throwable cause = BusProblems.unwrap(failure);
    if (cause instanceof ProblemException pe) {
      problem(ctx, pe.problem());
      return;
    }
    if (serverAway(cause)) {
      LogFields.requestId(LOG.atWarn(), RequestIds.of(ctx)).log("{} {} failed, a server being "
          + "away: {}", ctx.request().method(), ctx.request().path(), cause.toString());
      problem(ctx, SERVER_AWAY);
      return;
    }
    LogFields.requestId(LOG.atError(), RequestIds.of(ctx)).setCause(cause)
        .log("{} {} failed", ctx.request().method(), ctx.request().path());
    problem(ctx, Problem.of(500, "internal", "Internal error",
        "The request could not be completed; it is safe to retry"));
  }

  /** The answer while a server the edge needs restarts or cannot be reached. */
  static final Problem SERVER_AWAY = Problem.of(503, "unavailable", "Try again",
      "A server this request needs is restarting or out of reach; nothing was done")
      .with("retryAfterSeconds", 2);

  /**
   * Whether a failure means a server (PostgreSQL, most often) is restarting or out of reach,
   * not that the request went wrong: a refused or reset connection, a connection closed under
   * the query, or PostgreSQL's own "shutting down" / "starting up" (SQLSTATE class 57P) and
   * connection errors (class 08).
   */
  static boolean serverAway(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof ConnectException || t instanceof SocketException
          || t instanceof ClosedConnectionException) {
        return true;
      }
      if (t instanceof PgException pg && pg.getSqlState() != null
          && (pg.getSqlState().startsWith("57P") || pg.getSqlState().startsWith("08"))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Answers a problem. A refusal is the API working, not failing: it is logged at debug only,
   * with the request's ID (a sell-out refuses thousands a second).
   */
  public static void problem(RoutingContext ctx, Problem problem) {
    HttpServerResponse response = ctx.response();
    if (response.ended()) {
      return;
    }
    if (LOG.isDebugEnabled()) {
      LogFields.requestId(LOG.atDebug(), RequestIds.of(ctx)).log("{} {} answered {} {}",
          ctx.request().method(), ctx.request().path(), problem.status(), problem.slug());
    }
    JsonObject body = problem.toJson().put("instance", ctx.request().path());
    Object retry = problem.extensions().getValue("retryAfterSeconds");
    if (retry != null) {
      response.putHeader("Retry-After", retry.toString());
    }
    response.setStatusCode(problem.status()).putHeader("Content-Type", PROBLEM)
        .end(body.toBuffer());
  }
}
