package io.holdfast.edge;

import io.holdfast.contracts.Topics;
import io.holdfast.contracts.problem.Problem;
import io.holdfast.edge.auth.AccountMail;
import io.holdfast.edge.abuse.Limits;
import io.holdfast.edge.auth.Authenticator;
import io.holdfast.edge.auth.Passwords;
import io.holdfast.edge.auth.RsaKeys;
import io.holdfast.edge.auth.TokenIssuer;
import io.holdfast.edge.auth.TokenVerifier;
import io.holdfast.edge.http.Deadlines;
import io.holdfast.edge.http.RequestIds;
import io.holdfast.edge.http.Responses;
import io.holdfast.edge.idempotency.IdempotencyStore;
import io.holdfast.edge.idempotency.Idempotent;
import io.holdfast.edge.redis.RedisPipeline;
import io.holdfast.contracts.hold.CoreClient;
import io.holdfast.edge.routes.AccountMailRoutes;
import io.holdfast.edge.routes.AccountRoutes;
import io.holdfast.edge.routes.AdminRoutes;
import io.holdfast.edge.routes.ClientTokenRoutes;
import io.holdfast.edge.routes.Edge;
import io.holdfast.edge.routes.EventEditRoutes;
import io.holdfast.edge.routes.EventRoutes;
import io.holdfast.edge.routes.SeatMapRoutes;
import io.holdfast.edge.seatmap.SeatMapFeed;
import io.holdfast.edge.web.WebFiles;
import io.holdfast.edge.web.WebRoutes;
import io.holdfast.edge.routes.HealthRoutes;
import io.holdfast.edge.routes.MetricsRoutes;
import io.holdfast.edge.routes.HoldRoutes;
import io.holdfast.edge.routes.OpenApiRoutes;
import io.holdfast.edge.routes.OrderRoutes;
import io.holdfast.edge.routes.OrganizerRoutes;
import io.holdfast.edge.routes.PaymentRoutes;
import io.holdfast.edge.routes.CheckinListRoutes;
import io.holdfast.edge.routes.CheckinRoutes;
import io.holdfast.edge.routes.TicketRoutes;
import io.holdfast.edge.routes.DocumentRoutes;
import io.holdfast.edge.routes.StaffRoutes;
import io.holdfast.edge.routes.StripeWebhookRoutes;
import io.holdfast.catalog.EventRepository;
import io.holdfast.ledger.door.Door;
import io.holdfast.ledger.order.OrderRepository;
import io.holdfast.ledger.ticket.Revocations;
import io.holdfast.ledger.ticket.TicketChanges;
import io.holdfast.ledger.ticket.TicketCodes;
import io.holdfast.support.crypto.PlatformKey;
import io.holdfast.documents.TicketDocuments;
import io.holdfast.documents.SignedLinks;
import io.holdfast.accounts.PartnerRepository;
import io.holdfast.ledger.payment.PaymentRepository;
import io.holdfast.catalog.StaffRepository;
import io.holdfast.ledger.payment.StripeEventRepository;
import io.holdfast.accounts.RefreshTokenRepository;
import io.holdfast.accounts.UserRepository;
import io.holdfast.support.config.Setting;
import io.holdfast.support.config.Settings;
import io.holdfast.support.db.Database;
import io.holdfast.support.kafka.EventPublisher;
import io.holdfast.support.kafka.KafkaSettings;
import io.holdfast.support.metrics.Meters;
import io.holdfast.support.payment.StripeGateway;
import io.holdfast.support.payment.StripeSettings;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.CorsHandler;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.RedisOptions;
import io.vertx.sqlclient.Pool;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The public HTTP API. Deploy one instance per event loop; each owns its clients and its token
 * cache, and nothing is shared between them.
 */
public final class HttpEdgeVerticle extends VerticleBase {
  public static final Setting MIN_HOLD_SECONDS = Setting.number("HOLDFAST_MIN_HOLD_SECONDS",
      "edge.minHoldSeconds", 60, "the smallest holdSeconds an event may set");
  public static final Setting BODY_LIMIT = Setting.number("HOLDFAST_BODY_LIMIT_BYTES",
      "edge.bodyLimitBytes", 64 * 1024, "largest request body, bytes, events aside");
  /** A venue of a stadium's rows is far larger than any other body. */
  public static final Setting EVENT_BODY_LIMIT = Setting.number(
      "HOLDFAST_EVENT_BODY_LIMIT_BYTES", "edge.eventBodyLimitBytes", 2 * 1024 * 1024,
      "largest event body (rows of seats included), bytes");
  /** How stale a snapshot may be, too. */
  public static final Setting SEAT_MAP_INTERVAL_MILLIS = Setting.number(
      "HOLDFAST_SEAT_MAP_INTERVAL_MILLIS", "edge.seatMapIntervalMillis", 400, "how often a "
      + "watched seat map is read from the core for its SSE viewers, ms (changes of counts "
      + "alone go out every other read)");
  public static final Setting SEAT_MAP_MAX_FEEDS = Setting.number("HOLDFAST_SEAT_MAP_MAX_FEEDS",
      "edge.seatMapMaxFeeds", 1_000, "events each edge verticle keeps a live seat map of, "
      + "watched or read for availability; past it a new stream is a 503 streams-busy");
  public static final Setting SEAT_MAP_MAX_VIEWERS = Setting.number(
      "HOLDFAST_SEAT_MAP_MAX_VIEWERS", "edge.seatMapMaxViewers", 10_000, "seat-map streams "
      + "each edge verticle serves at once; past it a new one is a 503 streams-busy");
  public static final Setting AVAILABILITY_CACHE_MILLIS = Setting.number(
      "HOLDFAST_AVAILABILITY_CACHE_MILLIS", "edge.availabilityCacheMillis", 250,
      "how long readers of one event's availability share one answer, ms (0: never)");
  /** How long the edge waits for the reservation core (ms). */
  public static final String CORE_TIMEOUT_MILLIS = "edge.coreTimeoutMillis";
  public static final Setting REQUEST_TIMEOUT_MILLIS = Setting.number(
      "HOLDFAST_REQUEST_TIMEOUT_MILLIS", "edge.requestTimeoutMillis", 15_000, "a request not "
      + "answered in this time, ms, gets a 503 timeout to retry (streams aside)");
  public static final Setting READY_CACHE_MILLIS = Setting.number("HOLDFAST_READY_CACHE_MILLIS",
      "edge.readyCacheMillis", 1000, "how long one round of readiness probes answers every "
      + "/health/ready call of an edge verticle, ms");
  public static final Setting CORS_ORIGINS = Setting.none("HOLDFAST_CORS_ORIGINS",
      "edge.corsOrigins", null, "comma-separated origins whose browsers may call the API");
  /**
   * The development setup leaves it unset; the production profile requires one. Every role
   * reads it: members and workers serve their probes and metrics there (the launcher's
   * ManagementVerticle), an edge serves its own.
   */
  public static final Setting MANAGEMENT_PORT = Setting.none("HOLDFAST_MANAGEMENT_PORT",
      "edge.managementPort", "an edge serves them on the API's port; a member or worker "
      + "nowhere", "port of /metrics, /health/live and the detailed /health/ready of every "
      + "role; an edge's /metrics and /health/ready then answer 404 on the API's port "
      + "(/health/live is on both); it must differ from the API's port");
  public static final Setting MANAGEMENT_HOST = Setting.none("HOLDFAST_MANAGEMENT_HOST",
      "edge.managementHost", "HOLDFAST_HTTP_HOST", "address the management port binds to");

  /** Sent with every answer; encoded once. */
  private static final CharSequence[] SECURITY_HEADERS = Stream.of(
          "X-Content-Type-Options", "nosniff",
          "Cache-Control", "no-store",
          "X-Frame-Options", "DENY",
          "Referrer-Policy", "no-referrer",
          "Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'",
          "Strict-Transport-Security", "max-age=31536000; includeSubDomains")
      .map(HttpHeaders::createOptimized).toArray(CharSequence[]::new);

  private Pool pool;
  private Redis redis;
  private RedisPipeline pipeline;
  private EventPublisher producer;
  private HttpServer server;
  private HttpServer management;

  @Override
  public Future<?> start() {
    JsonObject config = config();
    String kid = Settings.JWT_KID.string(config);
    String issuer = Settings.JWT_ISSUER.string(config);
    String audience = Settings.JWT_AUDIENCE.string(config);
    RSAPublicKey publicKey = RsaKeys.publicKey(Settings.required(config, Settings.JWT_PUBLIC_KEY));

    pool = Database.pool(vertx, config);
    redis = Redis.createClient(vertx, new RedisOptions()
        .setConnectionString(Settings.REDIS_URL.required(config))
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
    pipeline = new RedisPipeline(vertx, Settings.REDIS_URL.required(config));
    Limits limits = new Limits(pipeline, config, Meters.of(vertx));
    Map<String, RSAPublicKey> keys = verificationKeys(config, kid, publicKey);
    Authenticator auth = new Authenticator(new TokenVerifier(keys, issuer, audience, config));
    TicketCodes codes = new TicketCodes(vertx, pool, PlatformKey.of(config));
    Edge edge = new Edge(vertx, config, auth,
        new TokenIssuer(vertx, Settings.required(config, Settings.JWT_PRIVATE_KEY), kid, issuer,
            audience, Settings.JWT_TTL_SECONDS.integer(config)),
        Passwords.create(vertx, config),
        new Idempotent(new IdempotencyStore(pipeline, limits.limiter(), 24 * 3600), limits,
            requestTimeoutMillis(config)), limits,
        new CoreClient(vertx, coreTimeoutMillis(config)),
        new UserRepository(pool), new EventRepository(pool), new PaymentRepository(pool),
        new OrderRepository(pool, codes), new StaffRepository(pool), producer,
        MIN_HOLD_SECONDS.integer(config),
        StripeSettings.checkoutViaStripe(config) ? StripeGateway.of(vertx, config) : null, codes);

    Router router = routes(edge, pool, redisApi, RsaKeys.jwks(keys));

    String host = Settings.HTTP_HOST.string(config);
    int port = Settings.HTTP_PORT.integer(config);
    server = vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port)
        .setCompressionSupported(false));
    // The web app's files are answered ahead of the router: a page load costs no routing.
    Future<HttpServer> listening = server.requestHandler(web(config).front(router)).listen();
    if (!hasManagementPort(config)) {
      return listening;
    }
    int managementPort = MANAGEMENT_PORT.integer(config, 0);
    if (managementPort == port) {
      // Two servers of one Vert.x on one port share it: metrics would answer on the API's.
      throw new IllegalArgumentException("configuration " + MANAGEMENT_PORT.key()
          + " must differ from " + Settings.HTTP_PORT.key() + ": " + port);
    }
    management = vertx.createHttpServer(new HttpServerOptions()
        .setHost(MANAGEMENT_HOST.string(config, host)).setPort(managementPort));
    return listening.compose(s -> management.requestHandler(management(edge, pool, redisApi))
        .listen()).map(server);
  }

  /** The web app's files and pages, with the headers every answer of the edge carries. */
  private static WebRoutes web(JsonObject config) {
    return new WebRoutes(WebFiles.load(), StripeSettings.checkoutViaStripe(config),
        SECURITY_HEADERS);
  }

  private static boolean hasManagementPort(JsonObject config) {
    return !MANAGEMENT_PORT.blank(config);
  }

  /** The longest a request may run before the edge answers it 503 {@code timeout}. */
  public static int requestTimeoutMillis(JsonObject config) {
    return REQUEST_TIMEOUT_MILLIS.integer(config);
  }

  /** How long the edge waits for the reservation core. */
  public static int coreTimeoutMillis(JsonObject config) {
    return Settings.integer(config, CORE_TIMEOUT_MILLIS, 10_000);
  }

  /** The management port's routes: liveness, readiness with each dependency's state, metrics. */
  public static Router management(Edge edge, Pool pool, RedisAPI redis) {
    Router router = Router.router(edge.vertx());
    router.route().handler(new Deadlines(edge.vertx(), requestTimeoutMillis(edge.config())));
    new HealthRoutes(edge, pool, redis, null).mountManagement(router);
    new MetricsRoutes(Meters.of(edge.vertx())).mount(router);
    mountErrors(router);
    return router;
  }

  /**
   * Every route of the public API on a new router. Mounting touches none of the clients, so a
   * test can build the router with an {@link Edge} whose clients are never used.
   */
  public static Router routes(Edge edge, Pool pool, RedisAPI redis, JsonObject jwks) {
    JsonObject config = edge.config();
    Router router = Router.router(edge.vertx());
    router.route().handler(ctx -> {
      RequestIds.answer(ctx.request());
      HttpServerResponse response = ctx.response();
      for (int i = 0; i < SECURITY_HEADERS.length; i += 2) {
        response.putHeader(SECURITY_HEADERS[i], SECURITY_HEADERS[i + 1]);
      }
      ctx.next();
    });
    List<String> origins = list(config, CORS_ORIGINS);
    if (!origins.isEmpty()) {
      router.route().handler(cors(origins));
    }
    router.route().handler(new Deadlines(edge.vertx(), requestTimeoutMillis(config)));
    BodyHandler bodies = BodyHandler.create(false)
        .setBodyLimit(BODY_LIMIT.integer(config));
    // Holds come first, ahead of every other route and of the guard: they take their budget
    // with their idempotency claim, and a drop is almost all holds. Every route a request
    // passes on its way costs it a match (the router tries the path before the method, so the
    // venues' PATCH pattern below ran its regex on every hold), so the hot routes read their
    // bodies themselves, with the limit every route but the venues has.
    HoldRoutes holds = new HoldRoutes(edge);
    holds.mountHot(router, bodies);
    // A venue of a stadium's rows is far larger than any other body: events get their own limit.
    BodyHandler venues = BodyHandler.create(false)
        .setBodyLimit(EVENT_BODY_LIMIT.integer(config));
    router.post("/v1/events").handler(venues);
    router.patch("/v1/events/:eventId").handler(venues);
    // An offline scanner's batch is bounded by its count of scans, not by the common limit.
    router.post(CheckinRoutes.BATCH_PATH)
        .handler(BodyHandler.create(false).setBodyLimit(CheckinRoutes.BATCH_BODY_LIMIT));
    // The web app's pages and files: ahead of the budgets (a page load costs no Redis round
    // trip) and of the body handler; anything but a GET or HEAD of a page passes on at once.
    web(config).mount(router);
    router.route().handler(bodies);
    // Probes, metrics, token keys and the contract are never limited. With a management port,
    // metrics and readiness are served there only.
    HealthRoutes health = new HealthRoutes(edge, pool, redis, jwks);
    if (hasManagementPort(config)) {
      health.mountPublic(router);
    } else {
      health.mount(router);
      new MetricsRoutes(Meters.of(edge.vertx())).mount(router);
    }
    new OpenApiRoutes().mount(router);
    // Stripe signs its calls; its retries must never spend a budget meant for people.
    new StripeWebhookRoutes(new StripeEventRepository(pool), config,
        Meters.of(edge.vertx())).mount(router);
    edge.limits().mountGuard(router, edge.auth());
    holds.mount(router);
    AccountMail accountMail = new AccountMail(pool, config);
    int refreshTtl = Settings.REFRESH_TTL_SECONDS.integer(config);
    new AccountRoutes(edge, new RefreshTokenRepository(pool, refreshTtl), accountMail, refreshTtl)
        .mount(router);
    new AccountMailRoutes(edge, accountMail).mount(router);
    PartnerRepository partners = new PartnerRepository(pool);
    new ClientTokenRoutes(edge, partners).mount(router);
    new AdminRoutes(edge, partners).mount(router);
    new SeatMapRoutes(edge, new SeatMapFeed(edge.vertx(),
        SEAT_MAP_INTERVAL_MILLIS.integer(config),
        SEAT_MAP_MAX_FEEDS.integer(config),
        SEAT_MAP_MAX_VIEWERS.integer(config)),
        AVAILABILITY_CACHE_MILLIS.integer(config)).mount(router);
    EventRoutes events = new EventRoutes(edge);
    events.mount(router);
    new EventEditRoutes(edge, events).mount(router);
    new OrganizerRoutes(edge).mount(router);
    new PaymentRoutes(edge).mount(router);
    new OrderRoutes(edge).mount(router);
    TicketDocuments documents = TicketDocuments.create(edge.vertx(), pool, edge.codes(), config);
    new DocumentRoutes(edge, documents, SignedLinks.of(config)).mount(router);
    new StaffRoutes(edge).mount(router);
    Door door = new Door(pool, edge.codes());
    new CheckinListRoutes(edge, door).mount(router);
    new CheckinRoutes(edge, door).mount(router);
    new TicketRoutes(edge, new Revocations(pool), new TicketChanges(pool), documents)
        .mount(router);
    mountErrors(router);
    Limits.checkServed(router);
    return router;
  }

  /** Browsers of the configured origins may call the API; preflights are answered here. */
  private static CorsHandler cors(List<String> origins) {
    return CorsHandler.create().addOrigins(origins)
        .allowedMethods(Set.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.PATCH,
            HttpMethod.DELETE, HttpMethod.OPTIONS))
        .allowedHeaders(Set.of("Authorization", "Content-Type", "Idempotency-Key",
            RequestIds.HEADER))
        .exposedHeaders(Set.of("Location", "Retry-After", "RateLimit-Limit",
            "RateLimit-Remaining", "RateLimit-Reset", "Idempotent-Replayed", RequestIds.HEADER))
        .maxAgeSeconds(600);
  }

  /** Unknown routes, wrong methods, oversized bodies and anything unhandled: problem+json. */
  private static void mountErrors(Router router) {
    router.route().last().handler(ctx -> Responses.problem(ctx, Problem.of(404, "not-found",
        "Not found", "There is no " + ctx.request().path())));
    router.errorHandler(405, ctx -> Responses.problem(ctx, Problem.of(405,
        "method-not-allowed", "Method not allowed",
        ctx.request().method() + " is not allowed on " + ctx.request().path())));
    // Only the CORS handler fails with a 403: a browser of an origin not configured.
    router.errorHandler(403, ctx -> Responses.problem(ctx, Problem.of(403, "forbidden",
        "Forbidden", "Requests from origin " + ctx.request().getHeader("Origin")
            + " are not allowed")));
    router.errorHandler(413, ctx -> Responses.problem(ctx, Problem.of(413, "body-too-large",
        "Body too large", "The request body is larger than this API accepts")));
    router.errorHandler(400, ctx -> Responses.problem(ctx, Problem.of(400, "bad-request",
        "Bad request", "The request could not be read")));
    router.errorHandler(500, ctx -> Responses.fail(ctx, ctx.failure() == null
        ? new IllegalStateException("unhandled failure") : ctx.failure()));
  }

  /**
   * The current key and the previous ones (a rotation keeps earlier tokens valid until they
   * expire). A previous key may not reuse the current kid: that is a rotation gone wrong.
   */
  private static Map<String, RSAPublicKey> verificationKeys(JsonObject config, String kid,
      RSAPublicKey current) {
    Map<String, RSAPublicKey> keys = new LinkedHashMap<>();
    keys.put(kid, current);
    String previous = Settings.string(config, Settings.JWT_PREVIOUS_KEYS, null);
    if (previous != null && !previous.isBlank()) {
      RsaKeys.fromJwks(previous).forEach((id, key) -> {
        if (id.equals(kid) && !key.equals(current)) {
          throw new IllegalArgumentException("previous jwt key " + id + " has the current kid "
              + "but another key: give the new key a new kid");
        }
        keys.putIfAbsent(id, key);
      });
    }
    return keys;
  }

  private static List<String> list(JsonObject config, Setting setting) {
    return Arrays.stream(setting.string(config, "").split(","))
        .map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  public int actualPort() {
    return server.actualPort();
  }

  @Override
  public Future<?> stop() {
    return Future.join(
        server == null ? Future.succeededFuture() : server.close(),
        management == null ? Future.succeededFuture() : management.close(),
        pool == null ? Future.succeededFuture() : pool.close(),
        producer == null ? Future.succeededFuture() : producer.close(),
        pipeline == null ? Future.succeededFuture() : pipeline.close(),
        redis == null ? Future.succeededFuture() : Future.succeededFuture(redis).map(r -> {
          r.close();
          return null;
        }));
  }
}
