package io.holdfast.core.publish;

import io.holdfast.contracts.topic.HoldsTopic;
import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.contracts.hold.HoldKey;
import io.holdfast.support.kafka.EventPublisher;
import io.holdfast.support.kafka.KafkaSettings;
import io.holdfast.infra.LoopbackPorts;
import io.holdfast.support.config.Settings;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The record of a window of placed holds")
class PlacedWindowTest {
  @Test
  @DisplayName("is the JSON the expiry-worker reads, with every hold ID and the latest expiry")
  void encodes() {
    PlacedWindow.Window w = new PlacedWindow.Window();
    JsonArray ids = new JsonArray();
    for (int i = 0; i < 3; i++) {
      String id = HoldKey.next(i).toString();
      w.holdIds.add(id);
      ids.add(id);
    }
    w.expiresAt = 1_800_000_000_123L;
    JsonObject record = new JsonObject(HoldsTopic.encode("ev\"il", w.expiresAt, w.holdIds));
    assertThat(record).isEqualTo(new JsonObject().put("type", "holds.placed")
        .put("eventId", "ev\"il").put("expiresAt", 1_800_000_000_123L).put("holdIds", ids));
  }

  @Test
  @DisplayName("while Kafka cannot be reached, a window is let go at once without holding the event loop, and kept to be sent again")
  void unreachableKafka() throws Exception {
    int closed = LoopbackPorts.free();
    Vertx vertx = Vertx.vertx();
    try {
      EventPublisher publisher = EventPublisher.create(vertx, KafkaSettings.producer(
              new JsonObject().put(Settings.KAFKA_BOOTSTRAP.key(), "127.0.0.1:" + closed), "placed-test"))
          .await(10, TimeUnit.SECONDS);
      // A JVM's first send waits for the producer's I/O thread to load Kafka's protocol
      // classes; the core's publisher did that loading its topics' metadata at start.
      publisher.send("warm-up", "key", "{}").otherwiseEmpty().await(10, TimeUnit.SECONDS);
      CompletableFuture<Long> heldMillis = new CompletableFuture<>();
      CompletableFuture<Boolean> flushed = new CompletableFuture<>();
      CompletableFuture<Integer> kept = new CompletableFuture<>();
      vertx.runOnContext(ignored -> {
        PlacedWindow window = new PlacedWindow(vertx, publisher);
        window.placed("event-1", 1_800_000_000_000L, List.of(HoldKey.next(1).toString()),
            List.of("test-request"));
        long began = System.nanoTime();
        window.flush().onComplete(ar -> {
          kept.complete(window.unsentIds());
          flushed.complete(ar.succeeded());
        });
        heldMillis.complete((System.nanoTime() - began) / 1_000_000);
      });
      // The producer's old max.block.ms held the loop for 2 s.
      assertThat(heldMillis.get(10, TimeUnit.SECONDS)).as("ms the event loop was held")
          .isLessThan(500);
      assertThat(flushed.get(1, TimeUnit.SECONDS)).as("the flush succeeded").isTrue();
      assertThat(kept.get(1, TimeUnit.SECONDS)).as("hold IDs kept to send again").isEqualTo(1);
      publisher.close().await(10, TimeUnit.SECONDS);
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }
}
