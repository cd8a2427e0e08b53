package io.holdfast.edge.abuse;

import io.holdfast.edge.redis.RedisPipeline;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * Request budgets in Redis, shared by every edge instance and decided atomically by one Lua
 * script. A budget of {@code n} a minute is a counter per key and clock minute: the first
 * request of a minute creates it (expiring with the minute), each request adds to it, and what
 * is past {@code n} is refused until the next minute.
 *
 * <p>A caller's own budget (a user's or a partner's) is <em>leased</em>: the script hands this
 * edge a few requests of it at once ({@link #LEASE_SHARE} of the budget), which the edge then
 * spends without asking Redis again this minute. The counter in Redis still bounds the caller
 * across all edges, since every lease is taken from it atomically; what an edge leased and did
 * not spend is lost with the minute, so a caller spread over {@code e} edges may be refused up
 * to {@code e - 1} leases early, never late. The brute-force budgets of sign-in, registration
 * and anonymous addresses are exact: one request at a time.
 *
 * <p>The script can, in the same call, claim an idempotency key, so a hot route's request whose
 * budget must be leased pays one round trip for both; a request the budget refuses claims
 * nothing. Every Redis call a script makes costs Redis about as much as a command of its own,
 * and running a script costs as much as two more, so the script makes as few calls as it can
 * and a request with a lease in hand sends no script at all. Scripts that call TIME, or answer
 * a table instead of a string, cost five times more on Redis 6.2; the clock comes from the edge
 * (edges' clocks agree to well under a minute) and the answer is one string.
 *
 * <p>One per edge verticle, used on its event loop only.
 */
public final class RateLimiter {
  /** A lease is this share of a caller's budget: 1/20 of it, so at least 95% stays usable. */
  static final int LEASE_SHARE = 20;
  /** The most callers one verticle keeps leases for in a minute; past it, budgets go exact. */
  static final int MAX_LEASES = 100_000;

  /**
   * KEYS[1] the budget's counter for this minute; ARGV[1] per minute, ARGV[2] how many requests
   * to take (a lease; -1 gives one back), ARGV[3] milliseconds to the minute's end. With KEYS[2]
   * (an idempotency key): ARGV[4] the claim, ARGV[5] its seconds. Answers "verdict remaining
   * retryMs granted[ held]": verdict 1 allowed, 0 over budget; remaining what the counter has
   * left after this lease; granted how many requests of the lease this edge may spend (at most
   * what was asked, fewer near the budget's end); {@code held} what the idempotency key held
   * when this request did not claim it.
   */
  static final String SCRIPT = """
      local limit = tonumber(ARGV[1])
      local want = tonumber(ARGV[2])
      if want < 0 then
        if tonumber(redis.call('GET', KEYS[1]) or '0') > 0 then redis.call('DECR', KEYS[1]) end
        return '1 0 0 0'
      end
      local n = redis.call('INCRBY', KEYS[1], want)
      if n == want then redis.call('PEXPIRE', KEYS[1], ARGV[3]) end
      local got = limit - n + want
      if got <= 0 then return '0 0 ' .. ARGV[3] .. ' 0' end
      if got > want then got = want end
      local left = limit - n
      if left < 0 then left = 0 end
      local head = '1 ' .. left .. ' 0 ' .. got
      if #KEYS == 1 then return head end
      if not redis.call('SET', KEYS[2], ARGV[4], 'NX', 'EX', ARGV[5]) then
        return head .. ' ' .. (redis.call('GET', KEYS[2]) or 'P')
      end
      return head
      """;
  private static final String SHA = sha1(SCRIPT);

  /**
   * What the budget decided. {@code resetMillis}: to the end of the budget's minute;
   * {@code held}: what an idempotency key held, null if this request claimed it (or none was
   * claimed). A {@code limit} of 0 means no budget was taken.
   */
  public record Verdict(int code, int limit, int remaining, long resetMillis, long retryMillis,
      String held) {
    public boolean allowed() {
      return code == 1;
    }

    /** The same verdict, for a request that found {@code held} under its idempotency key. */
    public Verdict holding(String held) {
      return new Verdict(code, limit, remaining, resetMillis, retryMillis, held);
    }
  }

  private final RedisPipeline redis;
  /** Per budget key: requests leased this minute and not spent yet, and what Redis had left. */
  private final Map<String, int[]> leases = new HashMap<>();
  private long leaseMinute;

  public RateLimiter(RedisPipeline redis) {
    this.redis = redis;
  }

  /** Takes exactly one request from the budget {@code key} of {@code perMinute}. */
  public Future<Verdict> take(String key, int perMinute) {
    return run(key, perMinute, 1, null, null, 0);
  }

  /** Gives one request back (a login that succeeded does not count against its address). */
  public Future<Verdict> giveBack(String key, int perMinute) {
    return run(key, perMinute, -1, null, null, 0);
  }

  /** Takes one request of a caller's budget: from this edge's lease, or with a new lease. */
  public Future<Verdict> takeLeased(String key, int perMinute) {
    Verdict local = takeLocally(key, perMinute);
    return local != null ? Future.succeededFuture(local)
        : run(key, perMinute, leaseSize(perMinute), null, null, 0);
  }

  /**
   * Takes one request of a caller's budget from this edge's lease, without Redis; null when
   * there is none left this minute (then {@link #takeAndClaim} leases more).
   */
  public Verdict takeLocally(String key, int perMinute) {
    long now = System.currentTimeMillis();
    int[] lease = minute(now / 60_000) ? leases.get(key) : null;
    if (lease == null || lease[0] == 0) {
      return null;
    }
    lease[0]--;
    return new Verdict(1, perMinute, lease[1] + lease[0], 60_000 - now % 60_000, 0, null);
  }

  /**
   * Leases requests of a caller's budget and, if allowed, claims {@code idemKey} with
   * {@code claim} for {@code ttlSeconds}, in one script call.
   */
  public Future<Verdict> takeAndClaim(String key, int perMinute, String idemKey, String claim,
      int ttlSeconds) {
    return run(key, perMinute, leaseSize(perMinute), idemKey, claim, ttlSeconds);
  }

  /** Keeps leases of the current minute only; answers whether {@code minute} is it. */
  private boolean minute(long minute) {
    if (minute > leaseMinute) {
      leases.clear();
      leaseMinute = minute;
    }
    return minute == leaseMinute;
  }

  private int leaseSize(int perMinute) {
    return leases.size() < MAX_LEASES ? Math.max(1, perMinute / LEASE_SHARE) : 1;
  }

  private Future<Verdict> run(String key, int perMinute, int cost, String idemKey, String claim,
      int ttlSeconds) {
    long now = System.currentTimeMillis();
    long minute = now / 60_000;
    long reset = (minute + 1) * 60_000 - now;
    String counter = key + ":" + minute;
    // EVALSHA sha numkeys KEYS... ARGV...: the script is named in slot 1, for a NOSCRIPT retry.
    String[] command = idemKey == null
        ? new String[] {"EVALSHA", SHA, "1", counter, String.valueOf(perMinute),
            String.valueOf(cost), String.valueOf(reset)}
        : new String[] {"EVALSHA", SHA, "2", counter, idemKey, String.valueOf(perMinute),
            String.valueOf(cost), String.valueOf(reset), claim, String.valueOf(ttlSeconds)};
    return redis.send(command)
        .recover(t -> {
          if (t.getMessage() == null || !t.getMessage().startsWith("NOSCRIPT")) {
            return Future.failedFuture(t);
          }
          // Redis restarted or flushed its scripts, and this call did not run: send the script
          // whole, which runs it and loads it again. Only calls that answered NOSCRIPT get here.
          command[0] = "EVAL";
          command[1] = SCRIPT;
          return redis.send(command);
        })
        .map(r -> verdict(key, minute, perMinute, reset, r));
  }

  /** Reads the script's answer; keeps what a lease granted beyond this request. */
  private Verdict verdict(String key, long minute, int perMinute, long reset, String r) {
    String[] parts = r.split(" ", 5);
    int remaining = Math.max(0, Integer.parseInt(parts[1]));
    int spare = Integer.parseInt(parts[3]) - 1;
    if (spare > 0 && minute(minute)) {
      int[] lease = leases.get(key);
      if (lease == null) {
        leases.put(key, new int[] {spare, remaining});
      } else { // two leases crossed: keep both, and the later count
        lease[0] += spare;
        lease[1] = Math.min(lease[1], remaining);
      }
    }
    return new Verdict(Integer.parseInt(parts[0]), perMinute, remaining + Math.max(0, spare),
        reset, Long.parseLong(parts[2]), parts.length == 5 ? parts[4] : null);
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
