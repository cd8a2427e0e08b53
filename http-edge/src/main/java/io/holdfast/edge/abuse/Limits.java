package io.holdfast.edge.abuse;

import io.holdfast.contracts.config.Settings;
import io.holdfast.contracts.hold.HoldGrant;
import io.holdfast.contracts.problem.Problem;
import io.holdfast.edge.abuse.RateLimiter.CapSpot;
import io.holdfast.edge.abuse.RateLimiter.Verdict;
import io.holdfast.edge.auth.Authenticator;
import io.holdfast.edge.auth.Caller;
import io.holdfast.edge.http.Responses;
import io.holdfast.edge.redis.RedisPipeline;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The abuse limits of one edge verticle: request budgets per caller, per partner and per
 * address, brute-force budgets on the sign-in routes, and the cap on a buyer's active holds.
 * Budgets live in Redis ({@link RateLimiter}), so every edge instance shares them.
 *
 * <p>Every route passes {@link #guard()} except health, the token keys and the two hot routes
 * (a hold and a checkout), whose budget is taken in the same Redis call as their idempotency
 * claim ({@link #quota}). While Redis cannot be reached the budgets are not enforced (the
 * hot routes still refuse, having no idempotency); the log says so once per interval.
 */
public final class Limits {
  private static final Logger LOG = LoggerFactory.getLogger(Limits.class);
  public static final String ENABLED = "edge.rateLimits";
  public static final String USER_PER_MINUTE = "edge.rate.userPerMinute";
  public static final String PARTNER_PER_MINUTE = "edge.rate.partnerPerMinute";
  public static final String ANONYMOUS_PER_MINUTE = "edge.rate.anonymousPerMinute";
  public static final String SIGN_IN_PER_MINUTE = "edge.rate.signInPerMinute";
  public static final String REGISTER_PER_MINUTE = "edge.rate.registerPerMinute";
  public static final String MAX_ACTIVE_HOLDS = "edge.maxActiveHolds";
  public static final String TRUSTED_PROXIES = "edge.trustedProxies";
  /** The longest hold an event may set: a hold's place is kept this long until its event's is known. */
  private static final long LONGEST_HOLD_MILLIS = 1_800_000;

  /** What a hot route takes from Redis along with its idempotency claim. */
  public record Quota(String key, int perMinute, CapSpot spot) {}

  private final RateLimiter limiter;
  private final RedisPipeline redis;
  private final boolean enabled;
  private final int userPerMinute;
  private final int partnerPerMinute;
  private final int anonymousPerMinute;
  private final int signInPerMinute;
  private final int registerPerMinute;
  private final int maxActiveHolds;
  private final int trustedProxies;
  /** How long each event's holds last, learned from its grants (this verticle's events only). */
  private final Map<String, Long> holdMillis = new HashMap<>();
  private long quietUntil;
  private long unlimitedQuietly;

  public Limits(RedisPipeline redis, JsonObject config) {
    this.redis = redis;
    this.limiter = new RateLimiter(redis);
    this.enabled = !"false".equalsIgnoreCase(Settings.string(config, ENABLED, "true"))
        && !"off".equalsIgnoreCase(Settings.string(config, ENABLED, "true"));
    this.userPerMinute = positive(config, USER_PER_MINUTE, 600);
    this.partnerPerMinute = positive(config, PARTNER_PER_MINUTE, 6000);
    this.anonymousPerMinute = positive(config, ANONYMOUS_PER_MINUTE, 3000);
    this.signInPerMinute = positive(config, SIGN_IN_PER_MINUTE, 20);
    this.registerPerMinute = positive(config, REGISTER_PER_MINUTE, 30);
    this.maxActiveHolds = Settings.integer(config, MAX_ACTIVE_HOLDS, 10);
    if (maxActiveHolds < 0) {
      throw new IllegalArgumentException("configuration " + MAX_ACTIVE_HOLDS
          + " must be 0 (no cap) or more: " + maxActiveHolds);
    }
    this.trustedProxies = Settings.integer(config, TRUSTED_PROXIES, 0);
  }

  private static int positive(JsonObject config, String key, int fallback) {
    int value = Settings.integer(config, key, fallback);
    if (value < 1) {
      throw new IllegalArgumentException("configuration " + key + " must be at least 1: " + value);
    }
    return value;
  }

  public boolean enabled() {
    return enabled;
  }

  /**
   * The client's address: the socket's peer, or with {@code trustedProxies} = n the n-th
   * address from the right of {@code X-Forwarded-For} (what the nearest trusted proxy saw).
   */
  public String address(RoutingContext ctx) {
    if (trustedProxies > 0) {
      String forwarded = ctx.request().getHeader("X-Forwarded-For");
      if (forwarded != null) {
        String[] hops = forwarded.split(",");
        int index = hops.length - trustedProxies;
        String hop = hops[Math.max(0, index)].trim();
        if (!hop.isEmpty() && hop.length() <= 64) {
          return hop;
        }
      }
    }
    return ctx.request().remoteAddress() == null ? "unknown"
        : ctx.request().remoteAddress().hostAddress();
  }

  /**
   * Every route but the hot ones: the sign-in routes spend their address's brute-force budget
   * (given back when the sign-in succeeds), registration its own, a caller with a valid token
   * its budget, anyone else its address's.
   */
  public Handler<RoutingContext> guard(Authenticator auth) {
    return ctx -> {
      if (!enabled) {
        ctx.next();
        return;
      }
      String path = ctx.request().path();
      String what = path.startsWith("/v1/auth/") ? path.substring("/v1/auth/".length()) : "";
      boolean signIn = what.equals("login") || what.equals("token") || what.equals("refresh");
      String key;
      int perMinute;
      Caller caller;
      if (signIn) {
        key = "rl:signin:" + address(ctx);
        perMinute = signInPerMinute;
      } else if (what.equals("register")) {
        key = "rl:register:" + address(ctx);
        perMinute = registerPerMinute;
      } else if ((caller = auth.identify(ctx)) != null) {
        key = budgetKey(caller);
        perMinute = perMinute(caller);
      } else {
        key = "rl:ip:" + address(ctx);
        perMinute = anonymousPerMinute;
      }
      boolean giveBackOnSuccess = signIn;
      limiter.take(key, perMinute).onComplete(ar -> {
        if (ar.failed()) {
          unlimited(ar.cause());
          ctx.next();
          return;
        }
        Verdict verdict = ar.result();
        headers(ctx.response(), verdict);
        if (!verdict.allowed()) {
          Responses.problem(ctx, rateLimited(verdict));
          return;
        }
        if (giveBackOnSuccess) {
          ctx.addHeadersEndHandler(v -> {
            if (ctx.response().getStatusCode() < 400) {
              limiter.giveBack(key, perMinute);
            }
          });
        }
        ctx.next();
      });
    };
  }

  /** What a hot route's idempotency claim takes; null when limits are off. */
  public Quota quota(RoutingContext ctx, String holdId, String eventId) {
    if (!enabled) {
      return null;
    }
    Caller caller = Authenticator.caller(ctx);
    CapSpot spot = null;
    // A partner sells for many customers at once: its budget bounds it, not the cap.
    if (holdId != null && maxActiveHolds > 0 && !caller.has(Caller.PARTNER)) {
      spot = new CapSpot(activeKey(caller.id()), maxActiveHolds, holdId,
          holdMillis.getOrDefault(eventId, LONGEST_HOLD_MILLIS));
    }
    return new Quota(budgetKey(caller), perMinute(caller), spot);
  }

  /** The idempotency key of a caller: it shares the caller's Redis hash slot with its budget. */
  public static String idempotencyKey(String callerId, String key) {
    return "idem:{" + callerId + "}:" + key;
  }

  private static String budgetKey(Caller caller) {
    return "rl:{" + caller.id() + "}";
  }

  private static String activeKey(String callerId) {
    return "act:{" + callerId + "}";
  }

  /** A partner's own budget is in its token ({@code rpm}); others have the default of their kind. */
  private int perMinute(Caller caller) {
    if (caller.has(Caller.PARTNER)) {
      return caller.requestsPerMinute() > 0 ? caller.requestsPerMinute() : partnerPerMinute;
    }
    return userPerMinute;
  }

  public RateLimiter limiter() {
    return limiter;
  }

  /**
   * A hold was granted: its place among the buyer's active holds lasts until it expires. The
   * first grant of an event on this verticle teaches how long its holds last, and corrects the
   * place taken with the longest time.
   */
  public void granted(Quota quota, HoldGrant grant) {
    if (quota == null || quota.spot() == null) {
      return;
    }
    long expiresAtMillis = Instant.parse(grant.expiresAt()).toEpochMilli();
    long actual = expiresAtMillis - Instant.parse(grant.createdAt()).toEpochMilli();
    if (Math.abs(actual - quota.spot().holdMillis()) > 1000) {
      if (holdMillis.size() > 10_000) {
        holdMillis.clear();
      }
      holdMillis.put(grant.eventId(), actual);
      redis.send(Request.cmd(Command.ZADD).arg(quota.spot().key()).arg("XX")
          .arg(expiresAtMillis).arg(quota.spot().member()));
    }
  }

  /** A hold was not granted, or ended early: its place is free again. */
  public void ended(Quota quota) {
    if (quota != null && quota.spot() != null) {
      ended(quota.spot().key(), quota.spot().member());
    }
  }

  /** A buyer released a hold: its place is free again. */
  public void released(Caller caller, String holdId) {
    if (enabled && maxActiveHolds > 0 && !caller.has(Caller.PARTNER)) {
      ended(activeKey(caller.id()), holdId);
    }
  }

  private void ended(String key, String member) {
    redis.send(Request.cmd(Command.ZREM).arg(key).arg(member));
  }

  public static void headers(HttpServerResponse response, Verdict verdict) {
    response.putHeader("RateLimit-Limit", String.valueOf(verdict.limit()))
        .putHeader("RateLimit-Remaining", String.valueOf(verdict.remaining()))
        .putHeader("RateLimit-Reset", String.valueOf(seconds(verdict.resetMillis())));
  }

  public static Problem rateLimited(Verdict verdict) {
    long retry = Math.max(1, seconds(verdict.retryMillis()));
    return Problem.of(429, "rate-limited", "Too many requests",
            "This client has used its " + verdict.limit() + " requests a minute; retry in "
                + retry + " s")
        .with("retryAfterSeconds", retry);
  }

  public Problem tooManyHolds(Verdict verdict) {
    long retry = Math.max(1, seconds(verdict.retryMillis()));
    return Problem.of(429, "too-many-holds", "Too many active holds",
            "A buyer may have " + maxActiveHolds + " active holds at once; pay for one or "
                + "release one, or wait until the oldest lapses")
        .with("maxActiveHolds", maxActiveHolds).with("retryAfterSeconds", retry);
  }

  private static long seconds(long millis) {
    return (millis + 999) / 1000;
  }

  /** Redis is out of reach: requests go on without budgets; the log says so now and then. */
  private void unlimited(Throwable cause) {
    long now = System.currentTimeMillis();
    if (now >= quietUntil) {
      LOG.warn("Rate limits cannot be checked ({} more requests served unlimited since the last "
          + "report): {}", unlimitedQuietly, cause.toString());
      unlimitedQuietly = 0;
      quietUntil = now + 10_000;
    } else {
      unlimitedQuietly++;
    }
  }
}
