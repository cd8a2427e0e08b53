package io.holdfast.edge.idempotency;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.List;

/**
 * Idempotency keys in Redis, shared by every edge instance. A key is claimed atomically with
 * the request's fingerprint ({@code SET NX}, pipelined with a {@code GET} of what is there: one
 * round trip, and cheaper for Redis than a Lua script); the final answer replaces the claim.
 */
public final class IdempotencyStore {
  static final String PENDING = "P|";
  private final Redis client;
  private final RedisAPI redis;
  private final String ttl;

  public IdempotencyStore(Redis client, int ttlSeconds) {
    this.client = client;
    this.redis = RedisAPI.api(client);
    this.ttl = String.valueOf(ttlSeconds);
  }

  /**
   * Null when this request now owns the key; otherwise what is stored under it (a claim
   * that vanished between the two commands reads as a claim still in progress).
   */
  public Future<String> claim(String key, String fingerprint) {
    return client.batch(List.of(
            Request.cmd(Command.SET).arg(key).arg(PENDING + fingerprint).arg("NX").arg("EX")
                .arg(ttl),
            Request.cmd(Command.GET).arg(key)))
        .map(answers -> {
          Response set = answers.get(0);
          if (set != null && "OK".equals(set.toString())) {
            return null;
          }
          Response existing = answers.get(1);
          return existing == null ? PENDING + "?" : existing.toString();
        });
  }

  public Future<Void> complete(String key, String fingerprint, JsonObject reply) {
    String value = new JsonObject().put("f", fingerprint).put("r", reply).encode();
    return redis.set(List.of(key, value, "EX", ttl)).mapEmpty();
  }

  /** Gives the key up after a failure the client may retry (5xx, timeouts). */
  public Future<Response> abandon(String key) {
    return redis.del(List.of(key));
  }
}
