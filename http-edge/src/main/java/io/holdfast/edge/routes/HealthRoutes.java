package io.holdfast.edge.routes;

import io.holdfast.edge.InventoryRestoreVerticle;
import io.holdfast.contracts.Addresses;
import io.holdfast.contracts.Topics;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.redis.client.RedisAPI;
import io.vertx.sqlclient.Pool;
import java.util.List;

/** Liveness, readiness (every dependency answers) and the public keys of our tokens. */
public final class HealthRoutes {
  private final Edge edge;
  private final Pool pool;
  private final RedisAPI redis;
  private final JsonObject jwks;

  /** {@code jwks}: the current and previous public keys, as {@code /.well-known/jwks.json}. */
  public HealthRoutes(Edge edge, Pool pool, RedisAPI redis, JsonObject jwks) {
    this.edge = edge;
    this.pool = pool;
    this.redis = redis;
    this.jwks = jwks;
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

  private void ready(RoutingContext ctx) {
    Future<?> pg = pool.query("select 1").execute();
    Future<?> cache = redis.ping(List.of());
    Future<?> kafka = edge.producer().ready(Topics.HOLDS);
    Future<?> core = edge.vertx().eventBus().request(Addresses.PING, new JsonObject(),
        new DeliveryOptions().setSendTimeout(2000));
    // While the inventory is rebuilt from PostgreSQL after a cold start, this node is not ready.
    Object inventory = edge.vertx().sharedData()
        .getLocalMap(InventoryRestoreVerticle.STATE_MAP).get(InventoryRestoreVerticle.INVENTORY);
    boolean restoring = "restoring".equals(inventory);
    Future.join(pg, cache, kafka, core).onComplete(ar -> {
      JsonObject checks = new JsonObject().put("postgres", state(pg)).put("redis", state(cache))
          .put("kafka", state(kafka)).put("cluster", state(core))
          .put("inventory", restoring ? "DOWN" : "UP");
      boolean up = ar.succeeded() && !restoring;
      json(ctx, up ? 200 : 503, new JsonObject().put("status", up ? "UP" : "DOWN")
          .put("checks", checks));
    });
  }

  private static String state(Future<?> f) {
    return f.succeeded() ? "UP" : "DOWN";
  }

  private static void json(RoutingContext ctx, int status, JsonObject body) {
    if (!ctx.response().ended()) {
      ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
          .putHeader("Cache-Control", "no-store").end(body.toBuffer());
    }
  }
}
