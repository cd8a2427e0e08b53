package io.holdfast.edge.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.infra.RedisServer;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
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

  @BeforeAll
  void start() {
    server = RedisServer.start();
    vertx = Vertx.vertx();
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
    Promise<List<Future<String>>> sent = Promise.promise();
    context.runOnContext(v -> {
      RedisPipeline pipeline = new RedisPipeline(vertx, server.url());
      // One turn: one batch, one write.
      sent.complete(List.of(
          pipeline.send("SET", word, "hello"),
          pipeline.send("INCR", word),
          pipeline.send("SET", other, "x", "NX"),
          pipeline.send("GET", word),
          pipeline.send("GET", "missing-" + UUID.randomUUID())));
    });
    List<Future<String>> answers = sent.future().await(10, TimeUnit.SECONDS);
    Future.join(answers).otherwiseEmpty().await(10, TimeUnit.SECONDS);
    assertThat(answers.get(0).succeeded()).as("SET before the error").isTrue();
    assertThat(answers.get(0).result()).isEqualTo("OK");
    assertThat(answers.get(1).failed()).as("INCR of a word").isTrue();
    assertThat(answers.get(1).cause().getMessage()).contains("not an integer")
        .doesNotContain("[");
    assertThat(answers.get(2).succeeded()).as("a claim after the error").isTrue();
    assertThat(answers.get(2).result()).isEqualTo("OK");
    assertThat(answers.get(3).result()).isEqualTo("hello");
    assertThat(answers.get(4).succeeded()).isTrue();
    assertThat(answers.get(4).result()).isNull();
  }

  @Test
  @DisplayName("reads replies split over many reads, and uses the database the URL names")
  void largeRepliesAndDatabases() throws Exception {
    Context context = vertx.getOrCreateContext();
    String key = "large-" + UUID.randomUUID();
    String value = "x".repeat(300_000) + "é";
    Promise<RedisPipeline[]> made = Promise.promise();
    context.runOnContext(v -> made.complete(new RedisPipeline[] {
        new RedisPipeline(vertx, server.url()), new RedisPipeline(vertx, server.url() + "/3")}));
    RedisPipeline[] pipelines = made.future().await();
    assertThat(on(context, () -> pipelines[1].send("SET", key, value))).isEqualTo("OK");
    assertThat(on(context, () -> pipelines[1].send("GET", key))).isEqualTo(value);
    assertThat(on(context, () -> pipelines[0].send("GET", key))).as("database 0").isNull();
    assertThat(on(context, () -> pipelines[1].send("DEL", key))).isEqualTo("1");
  }

  private static <T> T on(Context context, java.util.function.Supplier<Future<T>> call)
      throws Exception {
    Promise<T> done = Promise.promise();
    context.runOnContext(v -> call.get().onComplete(done));
    return done.future().await(10, TimeUnit.SECONDS);
  }
}
