package io.holdfast.edge.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.infra.RedisServer;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@DisplayName("The Redis pipeline of an edge verticle")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisPipelineTest {
  private RedisServer server;
  private Vertx vertx;
  private Redis client;

  @BeforeAll
  void start() {
    server = RedisServer.start();
    vertx = Vertx.vertx();
    client = Redis.createClient(vertx, new RedisOptions().setConnectionString(server.url()));
  }

  @AfterAll
  void stop() {
    vertx.close().await();
    server.close();
  }

  @Test
  @DisplayName("answers every command of a batch with its own reply: an error reply fails only "
      + "its command, and the commands around it keep their answers")
  void errorsStayWithTheirCommand() throws Exception {
    Context context = vertx.getOrCreateContext();
    String word = "word-" + UUID.randomUUID();
    String other = "other-" + UUID.randomUUID();
    Promise<List<Future<Response>>> sent = Promise.promise();
    context.runOnContext(v -> {
      RedisPipeline pipeline = new RedisPipeline(vertx, client);
      // One turn: one batch, one write.
      sent.complete(List.of(
          pipeline.send(Request.cmd(Command.SET).arg(word).arg("hello")),
          pipeline.send(Request.cmd(Command.INCR).arg(word)),
          pipeline.send(Request.cmd(Command.SET).arg(other).arg("x").arg("NX")),
          pipeline.send(Request.cmd(Command.GET).arg(word)),
          pipeline.send(Request.cmd(Command.GET).arg("missing-" + UUID.randomUUID()))));
    });
    List<Future<Response>> answers = sent.future().await(10, TimeUnit.SECONDS);
    Future.join(answers).otherwiseEmpty().await(10, TimeUnit.SECONDS);
    assertThat(answers.get(0).succeeded()).as("SET before the error").isTrue();
    assertThat(answers.get(0).result().toString()).isEqualTo("OK");
    assertThat(answers.get(1).failed()).as("INCR of a word").isTrue();
    assertThat(answers.get(1).cause().getMessage()).contains("not an integer")
        .doesNotContain("[");
    assertThat(answers.get(2).succeeded()).as("a claim after the error").isTrue();
    assertThat(answers.get(2).result().toString()).isEqualTo("OK");
    assertThat(answers.get(3).result().toString()).isEqualTo("hello");
    assertThat(answers.get(4).succeeded()).isTrue();
    assertThat(answers.get(4).result()).isNull();
  }
}
