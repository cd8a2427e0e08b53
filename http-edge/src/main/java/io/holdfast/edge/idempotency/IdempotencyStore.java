package io.holdfast.edge.idempotency;

import io.holdfast.edge.redis.RedisPipeline;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

/**
 * Idempotency keys in Redis, shared by every edge instance. A key is claimed atomically with
 * the request's fingerprint ({@code SET NX}: cheaper for Redis than a Lua script); the final
 * answer replaces the claim.
 * Every command rides the verticle's {@link RedisPipeline}.
 */
public final class IdempotencyStore {
  private final RedisPipeline redis;
  private final String ttl;

  public IdempotencyStore(RedisPipeline redis, int ttlSeconds) {
    this.redis = redis;
    this.ttl = String.valueOf(ttlSeconds);
  }

  /**
   * Null when this request now owns the key; otherwise what is stored under it (a claim that
   * vanished in between reads as a claim in progress with an unknown request). A first request
   * costs one command; only a repeat reads what is there.
   */
  public Future<String> claim(String key, String claim) {
    return redis.send(Request.cmd(Command.SET).arg(key).arg(claim).arg("NX")
            .arg("EX").arg(ttl))
        .compose(claimed -> {
          if (claimed != null && "OK".equals(claimed.toString())) {
            return Future.succeededFuture(null);
          }
          return redis.send(Request.cmd(Command.GET).arg(key))
              .map(existing -> existing == null ? "P" : existing.toString());
        });
  }

  /** Stores the final answer in place of the claim. */
  public Future<Void> complete(String key, String stored) {
    return redis.send(Request.cmd(Command.SET).arg(key).arg(stored).arg("EX").arg(ttl))
        .mapEmpty();
  }

  /** Gives the key up after a failure the client may retry (5xx, timeouts). */
  public Future<Void> abandon(String key) {
    return redis.send(Request.cmd(Command.DEL).arg(key)).mapEmpty();
  }
}
