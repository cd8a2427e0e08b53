package io.holdfast.edge.idempotency;

import io.holdfast.contracts.problem.BusProblems;
import io.holdfast.contracts.problem.Problem;
import io.holdfast.contracts.problem.ProblemException;
import io.holdfast.edge.auth.Authenticator;
import io.holdfast.edge.http.Reply;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.function.Function;

/**
 * Wraps a POST route in the {@code Idempotency-Key} contract of API.md: a repeat with the same
 * key and body answers the first answer (with {@code Idempotent-Replayed: true}), the same key
 * with another body is a 422, a repeat while the first is still running is a 409.
 * Answers to bad requests (4xx) are kept too, so a retry sees the same refusal.
 */
public final class Idempotent {
  private final IdempotencyStore store;

  public Idempotent(IdempotencyStore store) {
    this.store = store;
  }

  public Function<RoutingContext, Future<Reply>> required(
      Function<RoutingContext, Future<Reply>> route) {
    return ctx -> {
      String key = ctx.request().getHeader("Idempotency-Key");
      if (key == null || key.isEmpty() || key.length() > 255) {
        return Future.failedFuture(Problem.of(400, "idempotency-key-required",
            "Idempotency-Key required",
            "This request needs an Idempotency-Key header of 1 to 255 characters").toException());
      }
      String storeKey = "idem:" + Authenticator.caller(ctx).id() + ":" + key;
      String fingerprint = fingerprint(ctx);
      return store.claim(storeKey, fingerprint).compose(existing -> existing == null
          ? run(ctx, route, storeKey, fingerprint)
          : replay(ctx, existing, fingerprint));
    };
  }

  private Future<Reply> run(RoutingContext ctx, Function<RoutingContext, Future<Reply>> route,
      String storeKey, String fingerprint) {
    Future<Reply> result;
    try {
      result = route.apply(ctx);
    } catch (RuntimeException e) {
      result = Future.failedFuture(e);
    }
    return result.transform(ar -> {
      if (ar.succeeded()) {
        return store.complete(storeKey, fingerprint,
            new JsonObject().put("reply", ar.result().toJson())).map(ar.result());
      }
      Throwable cause = BusProblems.unwrap(ar.cause());
      if (cause instanceof ProblemException pe && pe.problem().status() < 500) {
        return store.complete(storeKey, fingerprint,
                new JsonObject().put("problem", pe.problem().toJson()))
            .transform(ignored -> Future.failedFuture(cause));
      }
      return store.abandon(storeKey).transform(ignored -> Future.failedFuture(cause));
    });
  }

  private Future<Reply> replay(RoutingContext ctx, String existing, String fingerprint) {
    if (existing.startsWith(IdempotencyStore.PENDING)) {
      boolean same = existing.substring(IdempotencyStore.PENDING.length()).equals(fingerprint);
      return Future.failedFuture(same
          ? Problem.of(409, "idempotency-key-in-use", "Request in progress",
              "A request with this Idempotency-Key is still being processed")
              .with("retryAfterSeconds", 1).toException()
          : reused().toException());
    }
    JsonObject stored = new JsonObject(existing);
    if (!fingerprint.equals(stored.getString("f"))) {
      return Future.failedFuture(reused().toException());
    }
    ctx.response().putHeader("Idempotent-Replayed", "true");
    JsonObject answer = stored.getJsonObject("r");
    if (answer.containsKey("problem")) {
      return Future.failedFuture(Problem.fromJson(answer.getJsonObject("problem")).toException());
    }
    return Future.succeededFuture(Reply.fromJson(answer.getJsonObject("reply")));
  }

  private static Problem reused() {
    return Problem.of(422, "idempotency-key-reused", "Idempotency-Key reused",
        "This Idempotency-Key was used with a different request");
  }

  private static String fingerprint(RoutingContext ctx) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update((ctx.request().method().name() + " " + ctx.request().path() + "\n")
          .getBytes(StandardCharsets.UTF_8));
      Buffer body = ctx.body().buffer();
      if (body != null) {
        sha.update(body.getBytes());
      }
      return Base64.getUrlEncoder().withoutPadding().encodeToString(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
