package io.holdfast.support.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.support.config.Settings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Sends run on event loops (the core's placed windows, the outbox relay): a broker that cannot
 * be reached must fail them, never hold the loop. No broker is needed: the producer points at a
 * port nothing listens on.
 */
@DisplayName("EventPublisher")
class EventPublisherTest {
  private static Vertx vertx;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  @DisplayName("a send while the broker cannot be reached fails at once and does not hold the event loop")
  void sendNeverBlocksTheEventLoop() throws Exception {
    JsonObject config = new JsonObject().put(Settings.KAFKA_BOOTSTRAP.key(), "127.0.0.1:" + closedPort());
    EventPublisher publisher = EventPublisher.create(vertx,
        KafkaSettings.producer(config, "blocking-test")).toCompletionStage()
        .toCompletableFuture().get(10, TimeUnit.SECONDS);
    try {
      // The first send of a JVM waits while the producer's I/O thread loads Kafka's protocol
      // classes under a lock sends take; create() has done that by loading its topics' metadata.
      publisher.send("warm-up", "key", "{}").toCompletionStage().toCompletableFuture()
          .handle((ok, failure) -> failure).get(10, TimeUnit.SECONDS);
      CompletableFuture<Long> heldMillis = new CompletableFuture<>();
      CompletableFuture<Throwable> failure = new CompletableFuture<>();
      vertx.runOnContext(ignored -> {
        long began = System.nanoTime();
        Future<Void> sent = publisher.send("no-such-topic-yet", "key", "{}");
        heldMillis.complete((System.nanoTime() - began) / 1_000_000);
        sent.onComplete(ar -> failure.complete(ar.cause()));
      });
      // The producer's old max.block.ms held the loop for 2 s before failing.
      assertThat(heldMillis.get(10, TimeUnit.SECONDS)).as("ms the event loop was held")
          .isLessThan(500);
      assertThat(failure.get(1, TimeUnit.SECONDS)).as("the send's failure").isNotNull();
    } finally {
      publisher.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  @DisplayName("creating a publisher whose topics' metadata cannot be loaded fails instead of waiting forever")
  void createFailsWithoutMetadata() throws Exception {
    JsonObject config = new JsonObject().put(Settings.KAFKA_BOOTSTRAP.key(), "127.0.0.1:" + closedPort());
    CompletableFuture<Throwable> failure = new CompletableFuture<>();
    EventPublisher.create(vertx, KafkaSettings.producer(config, "metadata-test"), 1000, "holds")
        .onComplete(ar -> failure.complete(ar.cause()));
    assertThat(failure.get(10, TimeUnit.SECONDS)).as("the creation's failure").isNotNull();
  }

  /** A loopback port that was free a moment ago: nothing listens on it. */
  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress("127.0.0.1", 0));
      return socket.getLocalPort();
    }
  }
}
