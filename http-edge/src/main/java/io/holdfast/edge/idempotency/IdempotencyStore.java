package io.holdfast.edge.idempotency;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;
import java.util.List;

/**
 * Idempotency keys in Redis, shared by every edge instance. A key is claimed atomically (one
 * round trip, a Lua script) with the request's fingerprint; the final answer replaces the claim.
 */
public final class IdempotencyStore {
  static final String PENDING = "P|";
  /** Claims the key unless it exists; answers the existing value, or nil when claimed now. */
  private static final String CLAIM = """
      local v = redis.call('GET', KEYS[1])
      if v then return v end
      redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
      return false""";

  private final RedisAPI redis;
  private final int ttlSeconds;

  public IdempotencyStore(RedisAPI redis, int ttlSeconds) {
    this.redis = redis;
    this.ttlSeconds = ttlSeconds;
  }

  /** Null when this request now owns the key; otherwise what is stored under it. */
  public Future<String> claim(String key, String fingerprint) {
    return redis.eval(List.of(CLAIM, "1", key, PENDING + fingerprint, String.valueOf(ttlSeconds)))
        .map(r -> r == null ? null : r.toString());
  }

  public Future<Void> complete(String key, String fingerprint, JsonObject reply) {
    String value = new JsonObject().put("f", fingerprint).put("r", reply).encode();
    return redis.set(List.of(key, value, "EX", String.valueOf(ttlSeconds))).mapEmpty();
  }

  /** Gives the key up after a failure the client may retry (5xx, timeouts). */
  public Future<Response> abandon(String key) {
    return redis.del(List.of(key));
  }
}
