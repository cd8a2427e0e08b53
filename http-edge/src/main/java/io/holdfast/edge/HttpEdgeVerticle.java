package io.holdfast.edge;

import io.holdfast.contracts.config.Settings;
import io.holdfast.contracts.db.Database;
import io.holdfast.contracts.Topics;
import io.holdfast.contracts.kafka.EventPublisher;
import io.holdfast.contracts.kafka.KafkaSettings;
import io.holdfast.contracts.problem.Problem;
import io.holdfast.edge.auth.Authenticator;
import io.holdfast.edge.auth.Passwords;
import io.holdfast.edge.auth.RsaKeys;
import io.holdfast.edge.auth.TokenIssuer;
import io.holdfast.edge.auth.TokenVerifier;
import io.holdfast.edge.http.Responses;
import io.holdfast.edge.idempotency.IdempotencyStore;
import io.holdfast.edge.idempotency.Idempotent;
import io.holdfast.edge.redis.RedisPipeline;
import io.holdfast.contracts.hold.CoreClient;
import io.holdfast.edge.routes.AccountRoutes;
import io.holdfast.edge.routes.Edge;
import io.holdfast.edge.routes.EventEditRoutes;
import io.holdfast.edge.routes.EventRoutes;
import io.holdfast.edge.routes.SeatMapRoutes;
import io.holdfast.edge.seatmap.SeatMapFeed;
import io.holdfast.edge.routes.HealthRoutes;
import io.holdfast.edge.routes.HoldRoutes;
import io.holdfast.edge.routes.OpenApiRoutes;
import io.holdfast.edge.routes.OrderRoutes;
import io.holdfast.edge.routes.OrganizerRoutes;
import io.holdfast.edge.routes.PaymentRoutes;
import io.holdfast.edge.store.EventRepository;
import io.holdfast.edge.store.OrderRepository;
import io.holdfast.edge.store.PaymentRepository;
import io.holdfast.edge.store.UserRepository;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.RedisOptions;
import io.vertx.sqlclient.Pool;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The public HTTP API. Deploy one instance per event loop; each owns its clients and its token
 * cache, and nothing is shared between them.
 */
public final class HttpEdgeVerticle extends VerticleBase {
  public static final String ORGANIZER_EMAILS = "edge.organizerEmails";
  public static final String MIN_HOLD_SECONDS = "edge.minHoldSeconds";
  public static final String BODY_LIMIT = "edge.bodyLimitBytes";
  public static final String EVENT_BODY_LIMIT = "edge.eventBodyLimitBytes";
  /** How often a watched seat map is read from the core (and how stale a snapshot may be). */
  public static final String SEAT_MAP_INTERVAL_MILLIS = "edge.seatMapIntervalMillis";
  /** How long readers of one event's availability share one answer (0: never). */
  public static final String AVAILABILITY_CACHE_MILLIS = "edge.availabilityCacheMillis";
  /** How long the edge waits for the reservation core (ms). */
  public static final String CORE_TIMEOUT_MILLIS = "edge.coreTimeoutMillis";

  private Pool pool;
  private Redis redis;
  private EventPublisher producer;
  private HttpServer server;

  @Override
  public Future<?> start() {
    JsonObject config = config();
    String kid = Settings.string(config, Settings.JWT_KID, "holdfast-1");
    String issuer = Settings.string(config, Settings.JWT_ISSUER, "holdfast");
    String audience = Settings.string(config, Settings.JWT_AUDIENCE, "holdfast-api");
    RSAPublicKey publicKey = RsaKeys.publicKey(Settings.required(config, Settings.JWT_PUBLIC_KEY));

    pool = Database.pool(vertx, config);
    redis = Redis.createClient(vertx, new RedisOptions()
        .setConnectionString(Settings.required(config, Settings.REDIS_URL))
        .setMaxPoolSize(16).setMaxPoolWaiting(10_000));
    return EventPublisher.create(vertx, KafkaSettings.producer(config, "http-edge"),
            Topics.PAYMENTS)
        .compose(publisher -> {
          producer = publisher;
          return serve(config, kid, issuer, audience, publicKey);
        });
  }

  private Future<HttpServer> serve(JsonObject config, String kid, String issuer, String audience,
      RSAPublicKey publicKey) {
    RedisAPI redisApi = RedisAPI.api(redis);
    Edge edge = new Edge(vertx, config,
        new Authenticator(new TokenVerifier(publicKey, kid, issuer, audience)),
        new TokenIssuer(vertx, Settings.required(config, Settings.JWT_PRIVATE_KEY), kid, issuer,
            audience, Settings.integer(config, Settings.JWT_TTL_SECONDS, 3600)),
        new Passwords(Settings.integer(config, Settings.PASSWORD_ITERATIONS, 210_000)),
        new Idempotent(new IdempotencyStore(new RedisPipeline(vertx, redis), 24 * 3600)),
        new CoreClient(vertx, Settings.integer(config, CORE_TIMEOUT_MILLIS, 10_000)),
        new UserRepository(pool), new EventRepository(pool), new PaymentRepository(pool),
        new OrderRepository(pool), producer, organizerEmails(config),
        Settings.integer(config, MIN_HOLD_SECONDS, 60));

    Router router = routes(edge, pool, redisApi, RsaKeys.jwk(publicKey, kid));

    server = vertx.createHttpServer(new HttpServerOptions()
        .setHost(Settings.string(config, Settings.HTTP_HOST, "127.0.0.1"))
        .setPort(Settings.integer(config, Settings.HTTP_PORT, 8080))
        .setCompressionSupported(false));
    return server.requestHandler(router).listen();
  }

  /**
   * Every route of the public API on a new router. Mounting touches none of the clients, so a
   * test can build the router with an {@link Edge} whose clients are never used.
   */
  public static Router routes(Edge edge, Pool pool, RedisAPI redis, JsonObject jwk) {
    JsonObject config = edge.config();
    Router router = Router.router(edge.vertx());
    // A venue of a stadium's rows is far larger than any other body: events get their own limit.
    BodyHandler venues = BodyHandler.create(false)
        .setBodyLimit(Settings.integer(config, EVENT_BODY_LIMIT, 2 * 1024 * 1024));
    router.post("/v1/events").handler(venues);
    router.patch("/v1/events/:eventId").handler(venues);
    router.route().handler(BodyHandler.create(false)
        .setBodyLimit(Settings.integer(config, BODY_LIMIT, 64 * 1024)));
    router.route().handler(ctx -> {
      ctx.response().putHeader("X-Content-Type-Options", "nosniff")
          .putHeader("Cache-Control", "no-store");
      ctx.next();
    });
    // Holds first: the router tries routes in order, and a drop is almost all holds.
    new HoldRoutes(edge).mount(router);
    new HealthRoutes(edge, pool, redis, jwk).mount(router);
    new AccountRoutes(edge).mount(router);
    new SeatMapRoutes(edge, new SeatMapFeed(edge.vertx(),
        Settings.integer(config, SEAT_MAP_INTERVAL_MILLIS, 400)),
        Settings.integer(config, AVAILABILITY_CACHE_MILLIS, 250)).mount(router);
    EventRoutes events = new EventRoutes(edge);
    events.mount(router);
    new EventEditRoutes(edge, events).mount(router);
    new OrganizerRoutes(edge).mount(router);
    new PaymentRoutes(edge).mount(router);
    new OrderRoutes(edge).mount(router);
    new OpenApiRoutes().mount(router);
    mountErrors(router);
    return router;
  }

  /** Unknown routes, wrong methods, oversized bodies and anything unhandled: problem+json. */
  private static void mountErrors(Router router) {
    router.route().last().handler(ctx -> Responses.problem(ctx, Problem.of(404, "not-found",
        "Not found", "There is no " + ctx.request().path())));
    router.errorHandler(405, ctx -> Responses.problem(ctx, Problem.of(405,
        "method-not-allowed", "Method not allowed",
        ctx.request().method() + " is not allowed on " + ctx.request().path())));
    router.errorHandler(413, ctx -> Responses.problem(ctx, Problem.of(413, "body-too-large",
        "Body too large", "The request body is larger than this API accepts")));
    router.errorHandler(400, ctx -> Responses.problem(ctx, Problem.of(400, "bad-request",
        "Bad request", "The request could not be read")));
    router.errorHandler(500, ctx -> Responses.fail(ctx, ctx.failure() == null
        ? new IllegalStateException("unhandled failure") : ctx.failure()));
  }

  private static Set<String> organizerEmails(JsonObject config) {
    return Arrays.stream(Settings.string(config, ORGANIZER_EMAILS, "").split(","))
        .map(s -> s.trim().toLowerCase(Locale.ROOT)).filter(s -> !s.isEmpty())
        .collect(Collectors.toSet());
  }

  public int actualPort() {
    return server.actualPort();
  }

  @Override
  public Future<?> stop() {
    return Future.join(
        server == null ? Future.succeededFuture() : server.close(),
        pool == null ? Future.succeededFuture() : pool.close(),
        producer == null ? Future.succeededFuture() : producer.close(),
        redis == null ? Future.succeededFuture() : Future.succeededFuture(redis).map(r -> {
          r.close();
          return null;
        }));
  }
}
