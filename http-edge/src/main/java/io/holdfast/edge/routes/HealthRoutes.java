package io.holdfast.edge.routes;

import io.holdfast.contracts.core.CoreBus;
import io.holdfast.contracts.core.Ping;
import io.holdfast.edge.HttpEdgeVerticle;
import io.holdfast.contracts.Addresses;
import io.holdfast.contracts.Topics;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.redis.client.RedisAPI;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.List;

/**
 * Liveness, readiness (every dependency answers) and the public keys of our tokens. Readiness
 * is asked often and by anyone: one round of probes answers all the calls of a short period.
 * One per verticle, on its event loop.
 */
public final class HealthRoutes {
  /** How long a probe may take before its dependency counts as DOWN (ms). */
  private static final int PROBE_TIMEOUT_MILLIS = 2000;
  private final Edge edge;
  private final Pool pool;
  private final RedisAPI redis;
  private final JsonObject jwks;
  /** How long one round's answer serves every call (ms). */
  private final long cacheMillis;
  /** The last round's answer, encoded once, and when it came; null before the first. */
  private Buffer answer;
  private int answerStatus;
  private long answeredAt;
  /** The calls waiting for the round under way; null while none runs. */
  private List<RoutingContext> round;

  /** {@code jwks}: the current and previous public keys, as {@code /.well-known/jwks.json}. */
  public HealthRoutes(Edge edge, Pool pool, RedisAPI redis, JsonObject jwks) {
    this.edge = edge;
    this.pool = pool;
    this.redis = redis;
    this.jwks = jwks;
    this.cacheMillis = HttpEdgeVerticle.READY_CACHE_MILLIS.integer(edge.config());
  }

  /** Everything on the one port of an edge without a management port (development). */
  public void mount(Router router) {
    mountPublic(router);
    router.get("/health/ready").handler(this::ready);
  }

  /** The public port's share when a management port serves readiness: liveness, token keys. */
  public void mountPublic(Router router) {
    router.get("/health/live").handler(HealthRoutes::live);
    router.get("/.well-known/jwks.json").handler(ctx -> json(ctx, 200, jwks));
  }

  /** The management port's: liveness, and readiness with each dependency's state. */
  public void mountManagement(Router router) {
    router.get("/health/live").handler(HealthRoutes::live);
    router.get("/health/ready").handler(this::ready);
  }

  private static void live(RoutingContext ctx) {
    json(ctx, 200, new JsonObject().put("status", "UP"));
  }

  /**
   * Answers from the last round of probes while it is younger than the setting; otherwise joins
   * the round under way, or starts one. However many calls come, a verticle runs at most one
   * round at a time, and one per cache period.
   */
  private void ready(RoutingContext ctx) {
    if (answer != null && System.currentTimeMillis() - answeredAt < cacheMillis) {
      send(ctx, answerStatus, answer);
      return;
    }
    if (round != null) {
      round.add(ctx);
      return;
    }
    round = new ArrayList<>();
    round.add(ctx);
    probe().onComplete(ar -> {
      JsonObject checks = ar.result();
      boolean up = !checks.getMap().containsValue("DOWN");
      answer = new JsonObject().put("status", up ? "UP" : "DOWN").put("checks", checks)
          .toBuffer();
      answerStatus = up ? 200 : 503;
      answeredAt = System.currentTimeMillis();
      List<RoutingContext> waiting = round;
      round = null;
      waiting.forEach(c -> send(c, answerStatus, answer));
    });
  }

  /** One round: every dependency asked at once; one that has not answered in time is DOWN. */
  private Future<JsonObject> probe() {
    Future<?> pg = pool.query("select 1").execute();
    Future<?> cache = redis.ping(List.of());
    Future<?> kafka = edge.producer().ready(Topics.HOLDS);
    Future<?> core = CoreBus.request(edge.vertx(), new Ping(),
        new DeliveryOptions().setSendTimeout(PROBE_TIMEOUT_MILLIS));
    // While the inventory is rebuilt from PostgreSQL after a cold start, this node is not ready.
    Object inventory = edge.vertx().sharedData()
        .getLocalMap(Addresses.STATE_MAP).get(Addresses.INVENTORY_STATE);
    boolean restoring = Addresses.RESTORING.equals(inventory);
    Promise<JsonObject> done = Promise.promise();
    Runnable finish = () -> done.tryComplete(new JsonObject().put("postgres", state(pg))
        .put("redis", state(cache)).put("kafka", state(kafka)).put("cluster", state(core))
        .put("inventory", restoring ? "DOWN" : "UP"));
    long timer = edge.vertx().setTimer(PROBE_TIMEOUT_MILLIS + 500, id -> finish.run());
    Future.join(pg, cache, kafka, core).onComplete(ar -> {
      edge.vertx().cancelTimer(timer);
      finish.run();
    });
    return done.future();
  }

  private static String state(Future<?> f) {
    return f.succeeded() ? "UP" : "DOWN";
  }

  private static void json(RoutingContext ctx, int status, JsonObject body) {
    send(ctx, status, body.toBuffer());
  }

  private static void send(RoutingContext ctx, int status, Buffer body) {
    if (!ctx.response().ended()) {
      ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
          .putHeader("Cache-Control", "no-store").end(body);
    }
  }
}
