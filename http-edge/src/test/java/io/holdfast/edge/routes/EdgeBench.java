package io.holdfast.edge.routes;

import io.holdfast.support.config.Settings;
import io.holdfast.support.db.Database;
import io.holdfast.contracts.hold.CoreClient;
import io.holdfast.edge.HttpEdgeVerticle;
import io.holdfast.edge.abuse.Limits;
import io.holdfast.edge.auth.Authenticator;
import io.holdfast.edge.auth.Passwords;
import io.holdfast.edge.auth.RsaKeys;
import io.holdfast.edge.auth.TokenIssuer;
import io.holdfast.edge.auth.TokenVerifier;
import io.holdfast.edge.idempotency.IdempotencyStore;
import io.holdfast.edge.idempotency.Idempotent;
import io.holdfast.edge.redis.RedisPipeline;
import io.holdfast.catalog.EventRepository;
import io.holdfast.ledger.order.OrderRepository;
import io.holdfast.ledger.payment.PaymentRepository;
import io.holdfast.catalog.StaffRepository;
import io.holdfast.accounts.UserRepository;
import io.holdfast.testkit.Await;
import io.holdfast.testkit.ClassServers;
import io.holdfast.testkit.http.HttpCalls;
import io.holdfast.support.metrics.Meters;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.sqlclient.Pool;
import java.security.KeyPair;
import java.util.List;
import java.util.Map;

/**
 * The edge's real router alone, for fast tests of its routes: on PostgreSQL and Redis of the
 * class's own, without Kafka (nothing published) and without a grid (the core never answers).
 * Routes that reach the core are the end-to-end tests' (in app); here, what is refused first.
 */
final class EdgeBench implements AutoCloseable {
  private static final String KID = "k1";
  private static final String ISSUER = "holdfast";
  private static final String AUDIENCE = "holdfast-api";

  private final ClassServers servers = ClassServers.start();
  private final Vertx vertx = Vertx.vertx();
  private final KeyPair keys = RsaKeys.generate();
  private final TokenIssuer issuer;
  private final Pool pool;
  private final Redis redis;
  private final RedisPipeline pipeline;
  private final HttpServer server;
  private final HttpCalls http;

  EdgeBench() {
    JsonObject config = servers.config()
        // Argon2id at its cheapest: these tests are about answers, not hashing cost.
        .put(Passwords.MEMORY_KIB.key(), 64).put(Passwords.PASSES.key(), 1);
    Await.get(Database.migrate(vertx, config));
    pool = Database.pool(vertx, config);
    redis = Redis.createClient(vertx, config.getString(Settings.REDIS_URL.key()));
    pipeline = new RedisPipeline(vertx, config.getString(Settings.REDIS_URL.key()));
    issuer = new TokenIssuer(vertx, RsaKeys.privatePem(keys), KID, ISSUER, AUDIENCE, 600);
    Limits limits = new Limits(pipeline, config, Meters.of(vertx));
    Map<String, java.security.interfaces.RSAPublicKey> verifying =
        Map.of(KID, RsaKeys.publicKey(RsaKeys.publicPem(keys)));
    // The parts an edge verticle wires (see HttpEdgeVerticle), minus Kafka and Stripe.
    Edge edge = new Edge(vertx, config,
        new Authenticator(new TokenVerifier(verifying, ISSUER, AUDIENCE, config)), issuer,
        Passwords.create(vertx, config),
        new Idempotent(new IdempotencyStore(pipeline, limits.limiter(), 3600), limits,
            HttpEdgeVerticle.requestTimeoutMillis(config)), limits,
        new CoreClient(vertx, 1_000), new UserRepository(pool), new EventRepository(pool),
        new PaymentRepository(pool), new OrderRepository(pool), new StaffRepository(pool), null,
        60, null, null);
    server = Await.get(vertx.createHttpServer()
        .requestHandler(HttpEdgeVerticle.routes(edge, pool, RedisAPI.api(redis),
            RsaKeys.jwks(verifying)))
        .listen(0, "127.0.0.1"));
    http = new HttpCalls(vertx, "127.0.0.1", server.actualPort());
  }

  /** A token the edge accepts, of a user that need not exist in PostgreSQL. */
  String token(String userId, String... roles) {
    return issuer.issue(userId, List.of(roles));
  }

  HttpCalls http() {
    return http;
  }

  @Override
  public void close() {
    http.close();
    Await.get(vertx.close());
    servers.close();
  }
}
