package io.holdfast.edge.idempotency;

import io.holdfast.edge.abuse.Limits.Quota;
import io.holdfast.edge.abuse.RateLimiter;
import io.holdfast.edge.abuse.RateLimiter.Verdict;
import io.holdfast.edge.redis.RedisPipeline;
import io.vertx.core.Future;

/**
 * Idempotency keys in Redis, shared by every edge instance. A key is claimed atomically with
 * the request's fingerprint ({@code SET NX}: a third of what a Lua script costs Redis); the
 * final answer replaces the claim.
 * Every command rides the verticle's {@link RedisPipeline}.
 */
public final class IdempotencyStore {
  private final RedisPipeline redis;
  private final RateLimiter limiter;
  private final int ttlSeconds;
  private final String ttl;

  /** {@code limiter}: takes a claim's budget in the same Redis call (see {@link #claim}). */
  public IdempotencyStore(RedisPipeline redis, RateLimiter limiter, int ttlSeconds) {
    this.redis = redis;
    this.limiter = limiter;
    this.ttlSeconds = ttlSeconds;
    this.ttl = String.valueOf(ttlSeconds);
  }

  /**
   * Claims the key and takes the request from the caller's budget as {@code quota} says. With
   * requests of the budget leased to this edge, the claim alone goes to Redis, as a plain
   * {@code SET NX}; otherwise one script call leases more and claims. Without a quota, a plain
   * claim answered as an allowed verdict without a limit.
   */
  public Future<Verdict> claim(String key, String claim, Quota quota) {
    if (quota == null) {
      return claim(key, claim).map(held -> new Verdict(1, 0, 0, 0, 0, held));
    }
    Verdict leased = limiter.takeLocally(quota.key(), quota.perMinute());
    if (leased != null) {
      return claim(key, claim).map(leased::holding);
    }
    return limiter.takeAndClaim(quota.key(), quota.perMinute(), key, claim, ttlSeconds);
  }

  /**
   * Null when this request now owns the key; otherwise what is stored under it (a claim that
   * vanished in between reads as a claim in progress with an unknown request). A first request
   * costs one command; only a repeat reads what is there.
   */
  public Future<String> claim(String key, String claim) {
    return redis.send("SET", key, claim, "NX", "EX", ttl)
        .compose(claimed -> {
          if ("OK".equals(claimed)) {
            return Future.succeededFuture(null);
          }
          return redis.send("GET", key).map(existing -> existing == null ? "P" : existing);
        });
  }

  /** Stores the final answer in place of the claim. */
  public Future<Void> complete(String key, String stored) {
    return redis.send("SET", key, stored, "EX", ttl).mapEmpty();
  }

  /** Gives the key up after a failure the client may retry (5xx, timeouts). */
  public Future<Void> abandon(String key) {
    return redis.send("DEL", key).mapEmpty();
  }
}
