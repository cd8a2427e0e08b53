package io.holdfast.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.edge.HttpEdgeVerticle;
import io.holdfast.support.config.Settings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** Readiness, against an edge of its own whose probe rounds are counted in Redis. */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("Readiness probes")
class HealthTest {
  private static final int CACHE_MILLIS = 3000;
  private TestPlatform.TestEdge edge;
  private WebClient client;
  private Redis redis;

  @BeforeAll
  void start(Vertx vertx) {
    edge = TestPlatform.edge(new JsonObject()
        .put(HttpEdgeVerticle.READY_CACHE_MILLIS.key(), CACHE_MILLIS));
    client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
        .setDefaultPort(edge.port()));
    redis = Redis.createClient(vertx, new RedisOptions().setConnectionString(
        TestPlatform.get().config().getString(Settings.REDIS_URL.key())));
  }

  @AfterAll
  void stop() {
    edge.close();
  }

  @Test
  @DisplayName("a burst of readiness calls runs one round of probes, and all get its answer; "
      + "once the answer is older than the setting, the next call runs a new round")
  void oneRoundPerBurst() throws InterruptedException {
    // The answer of an earlier round must be out of date before the burst.
    Thread.sleep(CACHE_MILLIS + 100);
    long before = pings();
    List<Future<HttpResponse<Buffer>>> calls = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      calls.add(client.get("/health/ready").send());
    }
    List<HttpResponse<Buffer>> answers = Api.await(Future.all(calls)).list();
    long after = pings();
    for (HttpResponse<Buffer> answer : answers) {
      assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(200);
      assertThat(answer.bodyAsJsonObject().getJsonObject("checks").getString("redis"))
          .isEqualTo("UP");
    }
    assertThat(after - before).as("probe rounds for 40 calls").isEqualTo(1);
    Thread.sleep(CACHE_MILLIS + 100);
    assertThat(Api.await(client.get("/health/ready").send()).statusCode()).isEqualTo(200);
    assertThat(pings() - after).as("a new round once the answer is old").isEqualTo(1);
  }

  /** How many PING commands Redis has served: one per round of probes. */
  private long pings() {
    String stats = Api.await(redis.send(Request.cmd(Command.INFO).arg("commandstats")))
        .toString();
    for (String line : stats.split("\r?\n")) {
      if (line.startsWith("cmdstat_ping:calls=")) {
        return Long.parseLong(line.substring("cmdstat_ping:calls=".length(),
            line.indexOf(',')));
      }
    }
    return 0;
  }
}
