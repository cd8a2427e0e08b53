package io.holdfast.edge.abuse;

import io.holdfast.contracts.problem.Problem;
import io.holdfast.edge.abuse.RateLimiter.Verdict;
import io.holdfast.edge.auth.Authenticator;
import io.holdfast.edge.auth.Caller;
import io.holdfast.edge.http.Responses;
import io.holdfast.edge.redis.RedisPipeline;
import io.holdfast.support.config.Setting;
import io.holdfast.support.log.QuietWarning;
import io.holdfast.support.metrics.Meters;
import io.micrometer.core.instrument.Counter;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The abuse limits of one edge verticle: request budgets per caller, per partner and per
 * address, brute-force budgets on the sign-in routes, and the cap on a buyer's active holds.
 * Budgets live in Redis ({@link RateLimiter}), so every edge instance shares them. The cap is
 * enforced by the reservation core, which knows each buyer's holds of an event exactly; the
 * edge only says how high it is ({@link #holdCap}).
 *
 * <p>Every route passes {@link #mountGuard} except health, the token keys and the two hot routes
 * (a hold and a checkout), whose budget is taken with their idempotency claim ({@link #quota}).
 * While Redis cannot be reached the budgets are not enforced (the hot routes still refuse,
 * having no idempotency); the log says so once per interval.
 */
public final class Limits {
  private static final Logger LOG = LoggerFactory.getLogger(Limits.class);
  /** Anything but false or off enforces them. */
  public static final Setting ENABLED = Setting.flag("HOLDFAST_RATE_LIMITS", "edge.rateLimits",
      true, "enforce the request budgets and the active-hold cap in Redis; false or off turns "
      + "them off (see abuse-limits.md)");
  public static final Setting USER_PER_MINUTE = Setting.number("HOLDFAST_RATE_USER_PER_MINUTE",
      "edge.rate.userPerMinute", 600,
      "requests a minute of one signed-in user, in bursts of as many");
  public static final Setting PARTNER_PER_MINUTE = Setting.number(
      "HOLDFAST_RATE_PARTNER_PER_MINUTE", "edge.rate.partnerPerMinute", 6000,
      "requests a minute of a partner-role account whose token has no rpm of its own");
  public static final Setting ANONYMOUS_PER_MINUTE = Setting.number(
      "HOLDFAST_RATE_ANONYMOUS_PER_MINUTE", "edge.rate.anonymousPerMinute", 3000,
      "requests a minute of one address without a token");
  public static final Setting SIGN_IN_PER_MINUTE = Setting.number(
      "HOLDFAST_RATE_SIGN_IN_PER_MINUTE", "edge.rate.signInPerMinute", 20,
      "failed sign-ins (login, token, refresh) a minute of one address");
  public static final Setting REGISTER_PER_MINUTE = Setting.number(
      "HOLDFAST_RATE_REGISTER_PER_MINUTE", "edge.rate.registerPerMinute", 30,
      "registrations a minute of one address");
  public static final Setting MAX_ACTIVE_HOLDS = Setting.number("HOLDFAST_MAX_ACTIVE_HOLDS",
      "edge.maxActiveHolds", 10,
      "active holds one buyer may have of one event at once (0: no cap)");
  public static final Setting TRUSTED_PROXIES = Setting.number("HOLDFAST_TRUSTED_PROXIES",
      "edge.trustedProxies", 0, "proxies in front of the edge; the client address is read that "
      + "many hops from the right of X-Forwarded-For (0: the socket's peer)");
  /** The routes whose callers spend their address's sign-in budget. */
  static final List<String> SIGN_IN_ROUTES = List.of("/v1/auth/login", "/v1/auth/token",
      "/v1/auth/refresh", "/v1/auth/password-reset", "/v1/auth/password-reset/confirm",
      "/v1/auth/verify-email");
  /** The route whose callers spend their address's registration budget. */
  static final String REGISTER_ROUTE = "/v1/auth/register";
  /** Set on a request whose route took its budget: the caller's guard then lets it pass. */
  private static final String ROUTE_BUDGET = "holdfast.limits.routeBudget";

  private static final CharSequence LIMIT = HttpHeaders.createOptimized("RateLimit-Limit");
  private static final CharSequence REMAINING = HttpHeaders.createOptimized("RateLimit-Remaining");
  private static final CharSequence RESET = HttpHeaders.createOptimized("RateLimit-Reset");

  /** The budget a hot route takes along with its idempotency claim. */
  public record Quota(String key, int perMinute) {}

  private final RateLimiter limiter;
  private final boolean enabled;
  private final int userPerMinute;
  private final int partnerPerMinute;
  private final int anonymousPerMinute;
  private final int signInPerMinute;
  private final int registerPerMinute;
  private final int maxActiveHolds;
  private final int trustedProxies;
  private final QuietWarning outage = new QuietWarning(LOG,
      "Rate limits cannot be checked; requests are served unlimited");
  /** Requests refused by a limit, by which ({@code holdfast_rate_limit_refusals_total}). */
  private final Counter userRefusals;
  private final Counter partnerRefusals;
  private final Counter addressRefusals;
  private final Counter signInRefusals;
  private final Counter registerRefusals;
  private final Counter activeHoldRefusals;

  /** {@code meters}: where the refusals are counted. */
  public Limits(RedisPipeline redis, JsonObject config, Meters meters) {
    this.userRefusals = refusals(meters, "user");
    this.partnerRefusals = refusals(meters, "partner");
    this.addressRefusals = refusals(meters, "address");
    this.signInRefusals = refusals(meters, "sign_in");
    this.registerRefusals = refusals(meters, "register");
    this.activeHoldRefusals = refusals(meters, "active_holds");
    this.limiter = new RateLimiter(redis);
    String on = ENABLED.string(config).trim();
    this.enabled = !on.equalsIgnoreCase("false") && !on.equalsIgnoreCase("off");
    this.userPerMinute = positive(config, USER_PER_MINUTE);
    this.partnerPerMinute = positive(config, PARTNER_PER_MINUTE);
    this.anonymousPerMinute = positive(config, ANONYMOUS_PER_MINUTE);
    this.signInPerMinute = positive(config, SIGN_IN_PER_MINUTE);
    this.registerPerMinute = positive(config, REGISTER_PER_MINUTE);
    this.maxActiveHolds = MAX_ACTIVE_HOLDS.integer(config);
    if (maxActiveHolds < 0) {
      throw new IllegalArgumentException("configuration " + MAX_ACTIVE_HOLDS.key()
          + " must be 0 (no cap) or more: " + maxActiveHolds);
    }
    this.trustedProxies = TRUSTED_PROXIES.integer(config);
  }

  private static Counter refusals(Meters meters, String limit) {
    return meters.counter("holdfast_rate_limit_refusals_total", "Requests refused by an abuse "
        + "limit (429), by limit: user, partner and address budgets, sign_in, register, "
        + "active_holds (the cap on a buyer's active holds, enforced by the core)", "limit",
        limit);
  }

  private static int positive(JsonObject config, Setting setting) {
    int value = setting.integer(config);
    if (value < 1) {
      throw new IllegalArgumentException("configuration " + setting.key()
          + " must be at least 1: " + value);
    }
    return value;
  }

  /** The budgets' script, for the idempotency claims that take a budget with them. */
  public RateLimiter limiter() {
    return limiter;
  }

  /**
   * The client's address: the socket's peer, or with {@code trustedProxies} = n the n-th
   * address from the right of {@code X-Forwarded-For} (what the nearest trusted proxy saw).
   */
  public String address(RoutingContext ctx) {
    if (trustedProxies > 0) {
      // Every line of the header, in order: a proxy may append its hop on a line of its own.
      List<String> lines = ctx.request().headers().getAll("X-Forwarded-For");
      if (!lines.isEmpty()) {
        String[] hops = (lines.size() == 1 ? lines.get(0) : String.join(",", lines)).split(",");
        int index = hops.length - trustedProxies;
        // Fewer hops than proxies: the request did not come through them all, and what is
        // left of the header was written by the client. The peer is all that can be trusted.
        String hop = index < 0 ? "" : hops[index].trim();
        if (!hop.isEmpty() && hop.length() <= 64) {
          return hop;
        }
      }
    }
    return ctx.request().remoteAddress() == null ? "unknown"
        : ctx.request().remoteAddress().hostAddress();
  }

  /**
   * Mounts the guard every route but the hot ones passes: the sign-in routes spend their
   * address's brute-force budget (given back when the sign-in succeeds), registration its own,
   * a caller with a valid token its budget, anyone else its address's. The budget goes by the
   * route the request matched, never by how its path was spelled: the sign-in routes get a guard
   * route of the same method and path, which the router matches exactly when it matches the
   * route itself (a trailing slash, a percent-encoded letter, a doubled slash alike). Routes
   * mounted after this one are guarded; {@link #checkServed} then checks that each budget's
   * route is there.
   */
  public void mountGuard(Router router, Authenticator auth) {
    for (String path : SIGN_IN_ROUTES) {
      router.post(path).handler(this::routeBudget);
    }
    router.post(REGISTER_ROUTE).handler(this::routeBudget);
    router.route().handler(ctx -> callerBudget(ctx, auth));
  }

  /** The budget of a sign-in or registration route, named by the route that matched. */
  private void routeBudget(RoutingContext ctx) {
    ctx.put(ROUTE_BUDGET, Boolean.TRUE);
    if (!enabled) {
      ctx.next();
      return;
    }
    boolean register = REGISTER_ROUTE.equals(ctx.currentRoute().getPath());
    String key = (register ? "rl:register:" : "rl:signin:") + address(ctx);
    int perMinute = register ? registerPerMinute : signInPerMinute;
    spend(ctx, limiter.take(key, perMinute),
        register ? null : () -> limiter.giveBack(key, perMinute),
        register ? registerRefusals : signInRefusals);
  }

  /** Any other route: the caller's budget, or without a valid token its address's. */
  private void callerBudget(RoutingContext ctx, Authenticator auth) {
    if (!enabled || ctx.get(ROUTE_BUDGET) != null) {
      ctx.next();
      return;
    }
    Caller caller = auth.identify(ctx);
    if (caller != null) {
      spend(ctx, limiter.takeLeased(budgetKey(caller), perMinute(caller)), null,
          refusals(caller));
    } else {
      spend(ctx, limiter.take("rl:ip:" + address(ctx), anonymousPerMinute), null,
          addressRefusals);
    }
  }

  /**
   * Fails unless every route with a budget of its own is served by {@code router} beside its
   * guard: a path changed on one side only would otherwise leave its route on another budget.
   */
  public static void checkServed(Router router) {
    List<String> budgeted = new ArrayList<>(SIGN_IN_ROUTES);
    budgeted.add(REGISTER_ROUTE);
    for (String path : budgeted) {
      long routes = router.getRoutes().stream().filter(r -> path.equals(r.getPath())
          && r.methods() != null && r.methods().contains(HttpMethod.POST)).count();
      if (routes < 2) {
        throw new IllegalStateException("POST " + path + " has a budget of its own but no "
            + "route serves it");
      }
    }
  }

  /**
   * Ahead of a hot route, whose budget is taken with its idempotency claim: a request without a
   * valid token never gets that far, so it spends its address's budget here (and is then told
   * 401 by the route's authentication). Valid tokens pass untouched.
   */
  public Handler<RoutingContext> unidentified(Authenticator auth) {
    return ctx -> {
      if (!enabled || auth.identify(ctx) != null) {
        ctx.next();
        return;
      }
      spend(ctx, limiter.take("rl:ip:" + address(ctx), anonymousPerMinute), null,
          addressRefusals);
    };
  }

  /**
   * Answers a request the budget refused, or lets it go on; {@code onSuccess} runs when the
   * answer turns out a success (a sign-in gives its place back); {@code refusals} counts a
   * refusal.
   */
  private void spend(RoutingContext ctx, Future<Verdict> taken, Runnable onSuccess,
      Counter refusals) {
    taken.onComplete(ar -> {
      if (ar.failed()) {
        outage.warn(ar.cause());
        ctx.next();
        return;
      }
      Verdict verdict = ar.result();
      headers(ctx.response(), verdict);
      if (!verdict.allowed()) {
        refusals.increment();
        Responses.problem(ctx, rateLimited(verdict));
        return;
      }
      if (onSuccess != null) {
        ctx.addHeadersEndHandler(v -> {
          if (ctx.response().getStatusCode() < 400) {
            onSuccess.run();
          }
        });
      }
      ctx.next();
    });
  }

  /** What a hot route's idempotency claim takes; null when limits are off. */
  public Quota quota(RoutingContext ctx) {
    if (!enabled) {
      return null;
    }
    Caller caller = Authenticator.caller(ctx);
    return new Quota(budgetKey(caller), perMinute(caller));
  }

  /**
   * How many active holds of an event a caller may have at once (0: no cap). A partner sells
   * for many customers at once: its budget bounds it, not the cap.
   */
  public int holdCap(Caller caller) {
    return !enabled || caller.has(Caller.PARTNER) ? 0 : maxActiveHolds;
  }

  /** The idempotency key of a caller: it shares the caller's Redis hash slot with its budget. */
  public static String idempotencyKey(String callerId, String key) {
    return "idem:{" + callerId + "}:" + key;
  }

  private static String budgetKey(Caller caller) {
    return "rl:{" + caller.id() + "}";
  }

  /** A partner's own budget is in its token ({@code rpm}); others have the default of their kind. */
  private int perMinute(Caller caller) {
    if (caller.has(Caller.PARTNER)) {
      return caller.requestsPerMinute() > 0 ? caller.requestsPerMinute() : partnerPerMinute;
    }
    return userPerMinute;
  }

  public static void headers(HttpServerResponse response, Verdict verdict) {
    response.putHeader(LIMIT, String.valueOf(verdict.limit()))
        .putHeader(REMAINING, String.valueOf(verdict.remaining()))
        .putHeader(RESET, String.valueOf(seconds(verdict.resetMillis())));
  }

  /** A caller's own budget refused a hot route's request: counted, and its answer. */
  public Problem refused(Caller caller, Verdict verdict) {
    refusals(caller).increment();
    return rateLimited(verdict);
  }

  /** The core refused a hold at the cap of a buyer's active holds. */
  public void refusedActiveHolds() {
    activeHoldRefusals.increment();
  }

  private Counter refusals(Caller caller) {
    return caller.has(Caller.PARTNER) ? partnerRefusals : userRefusals;
  }

  public static Problem rateLimited(Verdict verdict) {
    long retry = Math.max(1, seconds(verdict.retryMillis()));
    return Problem.of(429, "rate-limited", "Too many requests",
            "This client has used its " + verdict.limit() + " requests a minute; retry in "
                + retry + " s")
        .with("retryAfterSeconds", retry);
  }

  private static long seconds(long millis) {
    return (millis + 999) / 1000;
  }

}
