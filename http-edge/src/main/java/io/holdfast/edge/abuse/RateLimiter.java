package io.holdfast.edge.abuse;

import io.holdfast.edge.redis.RedisPipeline;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Request budgets in Redis, shared by every edge instance and decided atomically by one Lua
 * script. A budget of {@code n} a minute is a GCRA bucket (the generic cell rate algorithm): it
 * holds {@code n} requests and refills one every {@code 60/n} seconds, and all Redis keeps of it
 * is one number, the time the bucket will be full again, in microseconds of Redis's clock (so
 * edges on different machines agree).
 *
 * <p>The same script can, in the same call, claim an idempotency key and take a place among a
 * buyer's active holds: the hot routes then pay one round trip for all three. A request the
 * budget refuses claims nothing; a hold the cap refuses gives its claim back.
 */
public final class RateLimiter {
  /**
   * KEYS[1] budget; ARGV[1] per minute, ARGV[2] cost (1 takes, -1 gives one back).
   * With KEYS[2] (idempotency key): ARGV[3] claim, ARGV[4] its seconds.
   * With KEYS[3] (the buyer's active holds): ARGV[5] cap, ARGV[6] member, ARGV[7] hold millis.
   * Answers {verdict, remaining, reset ms, retry ms, what the key held}; verdict 1 allowed,
   * 0 over budget, 2 over the cap; what the key held is "" when this request claimed it.
   */
  static final String SCRIPT = """
      local t = redis.call('TIME')
      local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
      local limit = tonumber(ARGV[1])
      local period = 60000000
      local interval = period / limit
      local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
      if tat < now then tat = now end
      if tonumber(ARGV[2]) < 0 then
        tat = tat - interval
        if tat <= now then redis.call('DEL', KEYS[1])
        else redis.call('SET', KEYS[1], string.format('%d', tat), 'PX', math.ceil((tat - now) / 1000)) end
        return {1, 0, 0, 0, ''}
      end
      local after = tat + interval
      local allowAt = after - period
      if allowAt > now then
        return {0, 0, math.ceil((tat - now) / 1000), math.ceil((allowAt - now) / 1000), ''}
      end
      redis.call('SET', KEYS[1], string.format('%d', math.ceil(after)), 'PX', math.ceil((after - now) / 1000))
      local remaining = math.floor((now - allowAt) / interval)
      local reset = math.ceil((after - now) / 1000)
      if #KEYS == 1 then return {1, remaining, reset, 0, ''} end
      if not redis.call('SET', KEYS[2], ARGV[3], 'NX', 'EX', ARGV[4]) then
        return {1, remaining, reset, 0, redis.call('GET', KEYS[2]) or 'P'}
      end
      if #KEYS == 2 then return {1, remaining, reset, 0, ''} end
      local nowMs = math.floor(now / 1000)
      redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', nowMs)
      if redis.call('ZCARD', KEYS[3]) >= tonumber(ARGV[5]) then
        redis.call('DEL', KEYS[2])
        local first = redis.call('ZRANGE', KEYS[3], 0, 0, 'WITHSCORES')
        return {2, remaining, reset, tonumber(first[2]) - nowMs, ''}
      end
      local holdMs = tonumber(ARGV[7])
      redis.call('ZADD', KEYS[3], nowMs + holdMs, ARGV[6])
      if redis.call('PTTL', KEYS[3]) < holdMs + 60000 then
        redis.call('PEXPIRE', KEYS[3], holdMs + 60000)
      end
      return {1, remaining, reset, 0, ''}
      """;
  private static final String SHA = sha1(SCRIPT);

  /** What the script decided. {@code held}: what an idempotency key held, null if claimed. */
  public record Verdict(int code, int limit, int remaining, long resetMillis, long retryMillis,
      String held) {
    public boolean allowed() {
      return code == 1;
    }

    public boolean overCap() {
      return code == 2;
    }
  }

  /** An optional place among a buyer's active holds, taken with the claim. */
  public record CapSpot(String key, int cap, String member, long holdMillis) {}

  private final RedisPipeline redis;

  public RateLimiter(RedisPipeline redis) {
    this.redis = redis;
  }

  /** Takes one request from the budget {@code key} of {@code perMinute}. */
  public Future<Verdict> take(String key, int perMinute) {
    return run(perMinute, new String[] {key}, new String[] {String.valueOf(perMinute), "1"});
  }

  /** Gives one request back (a login that succeeded does not count against its address). */
  public Future<Verdict> giveBack(String key, int perMinute) {
    return run(perMinute, new String[] {key}, new String[] {String.valueOf(perMinute), "-1"});
  }

  /**
   * Takes one request from the budget and, if allowed, claims {@code idemKey} with
   * {@code claim} for {@code ttlSeconds} and (with a {@code spot}) a place among active holds.
   */
  public Future<Verdict> takeAndClaim(String key, int perMinute, String idemKey, String claim,
      int ttlSeconds, CapSpot spot) {
    String limit = String.valueOf(perMinute);
    String ttl = String.valueOf(ttlSeconds);
    if (spot == null) {
      return run(perMinute, new String[] {key, idemKey}, new String[] {limit, "1", claim, ttl});
    }
    return run(perMinute, new String[] {key, idemKey, spot.key()}, new String[] {limit, "1",
        claim, ttl, String.valueOf(spot.cap()), spot.member(), String.valueOf(spot.holdMillis())});
  }

  private Future<Verdict> run(int perMinute, String[] keys, String[] args) {
    return redis.send(command(Command.EVALSHA, SHA, keys, args))
        .recover(t -> t.getMessage() != null && t.getMessage().contains("NOSCRIPT")
            // Redis restarted and forgot the script: send it whole once, which loads it again.
            ? redis.send(command(Command.EVAL, SCRIPT, keys, args))
            : Future.failedFuture(t))
        .map(r -> verdict(perMinute, r));
  }

  private static Request command(Command command, String script, String[] keys, String[] args) {
    Request request = Request.cmd(command).arg(script).arg(keys.length);
    for (String key : keys) {
      request.arg(key);
    }
    for (String arg : args) {
      request.arg(arg);
    }
    return request;
  }

  private static Verdict verdict(int perMinute, Response r) {
    String held = r.get(4).toString();
    return new Verdict(r.get(0).toInteger(), perMinute, Math.max(0, r.get(1).toInteger()),
        r.get(2).toLong(), r.get(3).toLong(), held.isEmpty() ? null : held);
  }

  private static String sha1(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
          .digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is not available", e);
    }
  }
}
