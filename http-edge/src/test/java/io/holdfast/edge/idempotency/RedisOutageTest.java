package io.holdfast.edge.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.edge.abuse.Limits;
import io.holdfast.edge.auth.Authenticator;
import io.holdfast.edge.auth.RsaKeys;
import io.holdfast.edge.auth.TokenIssuer;
import io.holdfast.edge.auth.TokenVerifier;
import io.holdfast.edge.http.Reply;
import io.holdfast.edge.http.Responses;
import io.holdfast.edge.redis.RedisPipeline;
import io.vertx.core.Future;
import io.holdfast.support.metrics.Meters;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.handler.BodyHandler;
import java.security.KeyPair;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("An edge without Redis")
class RedisOutageTest {
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    vertx.close().await();
  }

  @Test
  @DisplayName("refuses changes with a 503 to retry, runs none of them, and keeps serving")
  void refusesAndKeepsServing() throws Exception {
    KeyPair keys = RsaKeys.generate();
    String token = new TokenIssuer(vertx, RsaKeys.privatePem(keys), "k1", "holdfast", "api", 600)
        .issue("buyer-1", List.of("buyer"));
    AtomicInteger ran = new AtomicInteger();
    int[] port = new int[1];
    vertx.deployVerticle(new VerticleBase() {
      @Override
      public Future<?> start() {
        // Nothing listens on port 1: every claim fails to connect.
        RedisPipeline pipeline = new RedisPipeline(vertx, "redis://127.0.0.1:1");
        Limits limits = new Limits(pipeline, new JsonObject(), Meters.of(vertx));
        Idempotent idempotent = new Idempotent(
            new IdempotencyStore(pipeline, limits.limiter(), 60), limits, 15_000);
        Router router = Router.router(vertx);
        router.route().handler(BodyHandler.create(false));
        router.post("/things").handler(new Authenticator(new TokenVerifier(
                RsaKeys.publicKey(RsaKeys.publicPem(keys)), "k1", "holdfast", "api")))
            .handler(Responses.handle(idempotent.required(ctx -> {
              ran.incrementAndGet();
              return Future.succeededFuture(Reply.created(new JsonObject(), "/things/1"));
            })));
        router.get("/ping").handler(ctx -> ctx.response().end("pong"));
        return vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
            .onSuccess(server -> port[0] = server.actualPort());
      }
    }).await(20, TimeUnit.SECONDS);
    WebClient client = WebClient.create(vertx);
    for (int i = 0; i < 5; i++) {
      HttpResponse<Buffer> r = client.post(port[0], "127.0.0.1", "/things")
          .putHeader("Authorization", "Bearer " + token).putHeader("Idempotency-Key", "k" + i)
          .sendJsonObject(new JsonObject()).await(20, TimeUnit.SECONDS);
      assertThat(r.statusCode()).isEqualTo(503);
      assertThat(r.getHeader("Retry-After")).isEqualTo("1");
      assertThat(r.getHeader("Content-Type")).isEqualTo("application/problem+json");
      assertThat(r.bodyAsJsonObject().getString("type")).endsWith("/idempotency-unavailable");
    }
    assertThat(ran).hasValue(0);
    assertThat(client.get(port[0], "127.0.0.1", "/ping").send().await(10, TimeUnit.SECONDS)
        .bodyAsString()).isEqualTo("pong");
  }
}
