package io.holdfast.load;

import io.holdfast.contracts.core.AvailabilityRequest;
import io.holdfast.contracts.core.CoreBus;
import io.holdfast.contracts.core.LoadEvent;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.holdfast.contracts.Sharding;
import io.holdfast.core.ReservationVerticle;
import io.holdfast.core.grid.GridConfig;
import io.holdfast.infra.KafkaServer;
import io.holdfast.support.config.Settings;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The reservation core alone, in this JVM: an embedded Kafka broker, one grid member and a core
 * verticle per core, as the launcher deploys them, for the core's benchmark and footprint.
 */
final class CoreHarness implements AutoCloseable {
  final Vertx vertx;
  private final KafkaServer kafka;
  private final HazelcastInstance member;

  private CoreHarness(KafkaServer kafka, HazelcastInstance member, Vertx vertx) {
    this.kafka = kafka;
    this.member = member;
    this.vertx = vertx;
  }

  static CoreHarness start() throws Exception {
    KafkaServer kafka = KafkaServer.start(4);
    HazelcastInstance member = Hazelcast.newHazelcastInstance(GridConfig.member(
        "core-harness-" + UUID.randomUUID(), "127.0.0.1", 5791, List.of()));
    Vertx vertx = Vertx.vertx();
    JsonObject config = new JsonObject().put(Settings.KAFKA_BOOTSTRAP.key(), kafka.bootstrap());
    vertx.deployVerticle(() -> new ReservationVerticle(member), new DeploymentOptions()
            .setConfig(config).setInstances(Runtime.getRuntime().availableProcessors()))
        .await(60, TimeUnit.SECONDS);
    return new CoreHarness(kafka, member, vertx);
  }

  /** Loads an event on sale now with one general-admission section "GA"; answers its ID. */
  String event(int capacity, int maxPerBuyer) throws Exception {
    String eventId = UUID.randomUUID().toString();
    CoreBus.request(vertx, LoadEvent.fromJson(new JsonObject().put("id", eventId)
        .put("currency", "EUR").put("maxPerBuyer", maxPerBuyer).put("holdSeconds", 1800)
        .put("salesStartAt", Instant.now().minusSeconds(60).toString())
        .put("salesEndAt", Instant.now().plusSeconds(3600).toString())
        .put("sections", new JsonArray().add(new JsonObject().put("id", "GA")
            .put("kind", "general").put("priceCents", 5000).put("capacity", capacity)
            .put("shards", Sharding.shardsFor(capacity)))))).await(30, TimeUnit.SECONDS);
    return eventId;
  }

  /** {capacity, available, held, sold} and the rest of the core's answer for an event. */
  JsonObject availability(String eventId) throws Exception {
    return CoreBus.request(vertx, AvailabilityRequest.of(eventId)).await(30, TimeUnit.SECONDS)
        .toJson();
  }

  @Override
  public void close() throws Exception {
    vertx.close().await(30, TimeUnit.SECONDS);
    member.shutdown();
    kafka.close();
  }
}
