package io.holdfast.expiry;

import io.holdfast.contracts.topic.HoldsTopic;
import io.holdfast.contracts.topic.HoldsPlaced;
import io.holdfast.contracts.core.CoreRequest;
import com.hazelcast.core.HazelcastInstance;
import io.holdfast.contracts.core.AvailabilityRequest;
import io.holdfast.contracts.core.GetHold;
import io.holdfast.contracts.core.LoadEvent;
import io.holdfast.contracts.Topics;
import io.holdfast.contracts.hold.CoreClient;
import io.holdfast.contracts.hold.HoldKey;
import io.holdfast.contracts.hold.HoldRequest;
import io.holdfast.core.grid.GridMaps;
import io.holdfast.core.hold.HoldRecord;
import io.holdfast.testkit.Await;
import io.holdfast.testkit.Bus;
import io.holdfast.testkit.EventLoad;
import io.holdfast.testkit.kafka.GroupOffsets;
import io.holdfast.testkit.kafka.TopicReader;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.kafka.client.common.TopicPartition;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * What the expiry-worker tests need around the worker: events and holds in the real core, where
 * each hold's record landed on the holds topic, and the worker group's committed offsets.
 */
final class ExpiryFixtures {
  static final String SECTION = "GA";

  /** Where the core published a hold: its partition and offset. */
  record Placed(TopicPartition partition, long offset) {}

  private final Vertx vertx;
  private final JsonObject config;
  private final HazelcastInstance hazelcast;
  private final GroupOffsets offsets;
  private final Map<String, Placed> placed = new ConcurrentHashMap<>();

  ExpiryFixtures(Vertx vertx, JsonObject config, HazelcastInstance hazelcast) {
    this.vertx = vertx;
    this.config = config;
    this.hazelcast = hazelcast;
    this.offsets = new GroupOffsets(vertx, config);
  }

  Future<Void> start() {
    return TopicReader.read(vertx, config, "holds-reader", Topics.HOLDS, record -> {
      HoldsPlaced holds = HoldsTopic.decode(record.value());
      if (holds != null) {
        for (String holdId : holds.holdIds()) {
          placed.put(holdId, new Placed(
              new TopicPartition(record.topic(), record.partition()), record.offset()));
        }
      }
    }).mapEmpty();
  }

  /** An on-sale event of one general section, loaded into the core. */
  Future<String> event(int capacity, int holdSeconds) {
    String id = UUID.randomUUID().toString();
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    JsonObject load = EventLoad.onSale(id, now)
        .sales(now.minus(1, ChronoUnit.HOURS), now.plus(1, ChronoUnit.DAYS))
        .maxPerBuyer(capacity).holdSeconds(holdSeconds).general(SECTION, 1_000, capacity, 1)
        .json();
    return request(LoadEvent.fromJson(load)).map(id);
  }

  Future<JsonObject> hold(String eventId, int quantity) {
    String buyerId = UUID.randomUUID().toString();
    return new CoreClient(vertx, 10_000)
        .hold(new HoldRequest(eventId, buyerId, SECTION, quantity))
        .map(grant -> grant.toJson().put("buyerId", buyerId));
  }

  Future<JsonObject> availability(String eventId) {
    return request(AvailabilityRequest.of(eventId));
  }

  Future<JsonObject> getHold(String holdId) {
    return request(GetHold.any(holdId));
  }

  /**
   * The status the grid has stored. Unlike GET_HOLD, which shows a lapsed hold as expired
   * straight away, this changes only when someone asked the core to expire the hold.
   */
  Future<String> storedStatus(String holdId) {
    return Future.fromCompletionStage(
            hazelcast.<String, io.holdfast.core.hold.HoldBook>getMap(GridMaps.BOOKS_MAP).submitToKey(
                GridMaps.bookKey(HoldKey.parse(holdId).book()),
                new io.holdfast.core.hold.ReadHold(HoldKey.parse(holdId))),
            vertx.getOrCreateContext())
        .map(HoldRecord::status);
  }

  /** Where the hold's record landed, once the reader has seen it. */
  Future<Placed> placed(String holdId) {
    return eventually(() -> Future.succeededFuture(placed.get(holdId)), p -> p != null);
  }

  /** The next offset the worker's group has committed on a partition; -1 when none. */
  Future<Long> committed(TopicPartition tp) {
    return offsets.committed(ExpiryWorkerVerticle.GROUP, tp);
  }

  /** A request to the core, its reply as its JSON. */
  Future<JsonObject> request(CoreRequest<?> request) {
    return Bus.send(vertx, request);
  }

  /** Probes until {@code ready} holds (see {@link Await#until}). */
  <T> Future<T> eventually(Supplier<Future<T>> probe, Predicate<T> ready) {
    return Await.until(vertx, probe, ready);
  }
}
