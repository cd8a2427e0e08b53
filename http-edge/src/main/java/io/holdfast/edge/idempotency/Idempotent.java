package io.holdfast.edge.idempotency;

import io.holdfast.contracts.problem.BusProblems;
import io.holdfast.contracts.problem.Problem;
import io.holdfast.contracts.problem.ProblemException;
import io.holdfast.edge.abuse.Limits;
import io.holdfast.edge.abuse.RateLimiter.Verdict;
import io.holdfast.edge.auth.Authenticator;
import io.holdfast.edge.http.Reply;
import io.holdfast.support.log.QuietWarning;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.function.BiFunction;
import java.util.function.Function;
import io.holdfast.edge.http.RequestIds;
import io.holdfast.support.log.LogFields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wraps a POST route in the {@code Idempotency-Key} contract of API.md: a repeat with the same
 * key and body answers the first answer (with {@code Idempotent-Replayed: true}), the same key
 * with another body is a 422, a repeat while the first is still running is a 409.
 * Answers to bad requests (4xx) are kept too, so a retry sees the same refusal; but not a 429,
 * which tells the client to try again later, with the same key.
 *
 * <p>What is stored under a key: {@code P<fingerprint>|<name>|<epoch ms>} from the start, then
 * {@code R<fingerprint>|<status>|<location>|<body>} or {@code E<fingerprint>|<problem JSON>};
 * or, when a named route got no answer (a timeout), {@code U<fingerprint>|<name>}: a retry then
 * answers the named thing if it exists, or runs the route again under the same name.
 * A <em>named</em> route (a hold) picks the ID of what it creates before it runs and keeps it
 * in the claim; its success then needs no second write, since a repeat is answered from the
 * thing itself. Final answers are written without holding the response back: the claim
 * already keeps a retry from acting twice, and a retry that overtakes the write is told to
 * wait (409). A claim older than the request deadline whose named thing does not exist (it was
 * lost with a grid that restarted empty) is run again under its name, as a {@code U} one is.
 */
public final class Idempotent {
  private static final Logger LOG = LoggerFactory.getLogger(Idempotent.class);
  private static final int FINGERPRINT_LENGTH = 43;
  /** Where a named route finds the name it must use. */
  public static final String NAME = "holdfast.idempotent.name";
  private final IdempotencyStore store;
  private final Limits limits;
  /** How long a first request may still be running: past it, its claim is surely over. */
  private final long runningAtMostMillis;
  private final QuietWarning outage = new QuietWarning(LOG,
      "Idempotency keys cannot be claimed; requests that change things are refused");
  /** One per verticle, used only on its event loop: looking one up per request cost more. */
  private final MessageDigest sha256;

  /**
   * {@code limits}: the caller's budget is taken with the claim; a refused request claims
   * nothing. {@code runningAtMostMillis}: the request deadline, after which a first request
   * is over whatever became of it.
   */
  public Idempotent(IdempotencyStore store, Limits limits, long runningAtMostMillis) {
    this.store = store;
    this.limits = limits;
    this.runningAtMostMillis = runningAtMostMillis;
    try {
      this.sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  /** The name a named route must give what it creates. */
  public static String name(RoutingContext ctx) {
    return ctx.get(NAME);
  }

  /** Every answer is stored and replayed as it was. */
  public Function<RoutingContext, Future<Reply>> required(
      Function<RoutingContext, Future<Reply>> route) {
    return wrap(ctx -> "", route, null);
  }

  /**
   * The route creates something named by {@code namer} before it runs; a repeat of a success is
   * answered by {@code replay}, from the name, or fails with a 404 problem while the thing does
   * not exist yet (then the repeat is told the first request is still in progress).
   */
  public Function<RoutingContext, Future<Reply>> named(Function<RoutingContext, String> namer,
      Function<RoutingContext, Future<Reply>> route,
      BiFunction<RoutingContext, String, Future<Reply>> replay) {
    return wrap(namer, route, replay);
  }

  private Function<RoutingContext, Future<Reply>> wrap(Function<RoutingContext, String> namer,
      Function<RoutingContext, Future<Reply>> route,
      BiFunction<RoutingContext, String, Future<Reply>> replay) {
    return ctx -> {
      String key = ctx.request().getHeader("Idempotency-Key");
      if (key == null || key.isEmpty() || key.length() > 255) {
        return Future.failedFuture(Problem.of(400, "idempotency-key-required",
            "Idempotency-Key required",
            "This request needs an Idempotency-Key header of 1 to 255 characters").toException());
      }
      String storeKey = Limits.idempotencyKey(Authenticator.caller(ctx).id(), key);
      String fingerprint = fingerprint(ctx);
      String name = namer.apply(ctx);
      ctx.put(NAME, name);
      return store.claim(storeKey, "P" + fingerprint + "|" + name + "|"
              + System.currentTimeMillis(), limits.quota(ctx))
          .recover(this::unavailable)
          .compose(verdict -> {
            if (verdict.limit() > 0) {
              Limits.headers(ctx.response(), verdict);
            }
            if (!verdict.allowed()) {
              return Future.failedFuture(limits.refused(Authenticator.caller(ctx), verdict)
                  .toException());
            }
            if (verdict.held() == null) {
              return run(ctx, route, storeKey, fingerprint, replay != null);
            }
            return replay(ctx, verdict.held(), fingerprint, route, storeKey, replay);
          });
    };
  }

  private Future<Reply> run(RoutingContext ctx, Function<RoutingContext, Future<Reply>> route,
      String storeKey, String fingerprint, boolean named) {
    Future<Reply> result;
    try {
      result = route.apply(ctx);
    } catch (RuntimeException e) {
      result = Future.failedFuture(e);
    }
    return result.transform(ar -> {
      if (ar.succeeded()) {
        Reply reply = ar.result();
        if (!named) {
          keep(storeKey, "R" + fingerprint + "|" + reply.status() + "|"
              + (reply.location() == null ? "" : reply.location()) + "|"
              + (reply.body() == null ? "" : reply.body().toString(StandardCharsets.UTF_8)));
        }
        return Future.succeededFuture(reply);
      }
      Throwable cause = BusProblems.unwrap(ar.cause());
      if (cause instanceof ProblemException pe && pe.problem().status() < 500
          && pe.problem().status() != 429) {
        keep(storeKey, "E" + fingerprint + "|" + pe.problem().toJson().encode());
        return Future.failedFuture(cause);
      }
      if (named && !(cause instanceof ProblemException)) {
        // No answer (a timeout, a lost message): what was named may exist or come to exist.
        // The key keeps the name, so a retry answers that thing or asks for it again under
        // the same name, which the other side takes at most once; it is never asked for twice
        // under two names.
        LogFields.requestId(LOG.atWarn(), RequestIds.of(ctx)).log("{} {}: outcome unknown ({}); "
            + "its Idempotency-Key keeps {} for a retry", ctx.request().method(),
            ctx.request().path(), cause.toString(), name(ctx));
        keep(storeKey, "U" + fingerprint + "|" + name(ctx));
        return Future.failedFuture(unknownOutcome().toException());
      }
      return store.abandon(storeKey).transform(ignored -> Future.failedFuture(cause));
    });
  }

  /**
   * Without Redis no key can be claimed, so nothing is done: the client is told to retry, and
   * the log says so once per interval however many requests meet the outage.
   */
  private Future<Verdict> unavailable(Throwable cause) {
    outage.warn(cause);
    return Future.failedFuture(Problem.of(503, "idempotency-unavailable", "Try again",
            "Requests that change things cannot be accepted just now; retry shortly")
        .with("retryAfterSeconds", 1).toException());
  }

  private void keep(String storeKey, String stored) {
    store.complete(storeKey, stored).onFailure(t -> LOG.warn("Could not store the answer for "
        + "idempotency key {}; a retry will be told it is still in progress", storeKey, t));
  }

  private Future<Reply> replay(RoutingContext ctx, String existing, String fingerprint,
      Function<RoutingContext, Future<Reply>> route, String storeKey,
      BiFunction<RoutingContext, String, Future<Reply>> replay) {
    char kind = existing.charAt(0);
    String stored = existing.length() >= 1 + FINGERPRINT_LENGTH
        ? existing.substring(1, 1 + FINGERPRINT_LENGTH) : null;
    if (stored != null && !stored.equals(fingerprint)) {
      return Future.failedFuture(reused().toException());
    }
    if (kind != 'R' && kind != 'E') {
      String named = stored == null || existing.length() <= 2 + FINGERPRINT_LENGTH ? ""
          : existing.substring(2 + FINGERPRINT_LENGTH);
      // A claim in progress also says when it was made: "<name>|<epoch ms>".
      int bar = kind == 'P' ? named.lastIndexOf('|') : -1;
      String name = bar < 0 ? named : named.substring(0, bar);
      boolean over = kind == 'U' || bar >= 0 && System.currentTimeMillis()
          - Long.parseLong(named.substring(bar + 1)) > runningAtMostMillis;
      if (replay == null || name.isEmpty()) {
        return Future.failedFuture(inProgress().toException());
      }
      return replay.apply(ctx, name).transform(ar -> {
        if (ar.succeeded()) {
          ctx.response().putHeader("Idempotent-Replayed", "true");
          return Future.succeededFuture(ar.result());
        }
        if (over && BusProblems.unwrap(ar.cause()) instanceof ProblemException pe
            && pe.problem().status() == 404) {
          // The first attempt is over (its outcome was unknown, or it ran out of time long
          // ago) and nothing by its name exists: never made, or forgotten since (a grid that
          // restarted empty). Ask again, under the same name, so it is never made twice.
          ctx.put(NAME, name);
          return run(ctx, route, storeKey, fingerprint, true);
        }
        return Future.failedFuture(inProgress().toException());
      });
    }
    ctx.response().putHeader("Idempotent-Replayed", "true");
    String rest = existing.substring(2 + FINGERPRINT_LENGTH);
    if (kind == 'E') {
      return Future.failedFuture(Problem.fromJson(new JsonObject(rest)).toException());
    }
    String[] parts = rest.split("\\|", 3);
    return Future.succeededFuture(new Reply(Integer.parseInt(parts[0]),
        parts[2].isEmpty() ? null : Buffer.buffer(parts[2]), parts[1].isEmpty() ? null : parts[1]));
  }

  private static Problem unknownOutcome() {
    return Problem.of(503, "timeout", "Request timed out",
            "The outcome of this request is not known yet; retry with the same Idempotency-Key, "
                + "which answers it once known and never acts twice")
        .with("retryAfterSeconds", 1);
  }

  private static Problem inProgress() {
    return Problem.of(409, "idempotency-key-in-use", "Request in progress",
            "A request with this Idempotency-Key is still being processed")
        .with("retryAfterSeconds", 1);
  }

  private static Problem reused() {
    return Problem.of(422, "idempotency-key-reused", "Idempotency-Key reused",
        "This Idempotency-Key was used with a different request");
  }

  private String fingerprint(RoutingContext ctx) {
    sha256.reset();
    sha256.update((ctx.request().method().name() + " " + ctx.request().path() + "\n")
        .getBytes(StandardCharsets.UTF_8));
    Buffer body = ctx.body().buffer();
    if (body != null) {
      sha256.update(body.getBytes());
    }
    return Base64.getUrlEncoder().withoutPadding().encodeToString(sha256.digest());
  }
}
