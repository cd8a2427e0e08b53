package io.holdfast.core;

import static io.holdfast.testkit.Await.await;

import com.hazelcast.core.HazelcastInstance;
import io.holdfast.contracts.core.AvailabilityRequest;
import io.holdfast.contracts.core.Confirm;
import io.holdfast.contracts.core.CoreRequest;
import io.holdfast.contracts.core.LoadEvent;
import io.holdfast.contracts.core.Release;
import io.holdfast.contracts.hold.CoreClient;
import io.holdfast.contracts.hold.HoldRequest;
import io.holdfast.infra.TestInfrastructure;
import io.holdfast.testkit.Bus;
import io.holdfast.testkit.EventLoad;
import io.holdfast.testkit.grid.Grid;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One grid member and the core on it, on a clock the test moves: for tests that need hours or
 * days to pass (lapses, retention, events that ended).
 */
final class CoreFixture implements AutoCloseable {
  final Vertx vertx;
  final HazelcastInstance member;
  private final Grid grid;
  final AtomicLong clock = new AtomicLong(System.currentTimeMillis());
  final CoreClient client;

  CoreFixture(Vertx vertx, String name, int port, JsonObject config) throws Exception {
    this.vertx = vertx;
    this.grid = Cores.member(name, port);
    this.member = grid.member();
    await(vertx.deployVerticle(() -> new ReservationVerticle(member, clock::get),
        new DeploymentOptions().setConfig(TestInfrastructure.config().mergeIn(config))
            .setInstances(2)));
    this.client = new CoreClient(vertx, 30_000);
  }

  Instant now() {
    return Instant.ofEpochMilli(clock.get());
  }

  void advanceSeconds(long seconds) {
    clock.addAndGet(seconds * 1000);
  }

  /**
   * The load request of an event with one general-admission section G of {@code capacity} over
   * two shards, on sale for ten days, ending {@code endsIn} from now (null: no end given).
   */
  JsonObject event(int capacity, int maxPerBuyer, int holdSeconds, Duration endsIn) {
    EventLoad event = EventLoad.onSale(UUID.randomUUID().toString(), now())
        .sales(now().minusSeconds(60), now().plus(Duration.ofDays(10)))
        .maxPerBuyer(maxPerBuyer).holdSeconds(holdSeconds).general("G", 1000, capacity, 2);
    return (endsIn == null ? event : event.endsAt(now().plus(endsIn))).json();
  }

  JsonObject load(JsonObject event) throws Exception {
    return request(LoadEvent.fromJson(event));
  }

  Future<JsonObject> send(CoreRequest<?> request) {
    return Bus.send(vertx, request);
  }

  JsonObject request(CoreRequest<?> request) throws Exception {
    return await(send(request));
  }

  String hold(HoldRequest request) throws Exception {
    return await(client.hold(request)).holdId();
  }

  JsonObject confirm(String holdId) throws Exception {
    return request(new Confirm(holdId));
  }

  void release(String holdId, String buyerId) throws Exception {
    request(new Release(holdId, buyerId));
  }

  JsonObject counts(String eventId) throws Exception {
    return request(AvailabilityRequest.of(eventId));
  }

  @Override
  public void close() {
    grid.close();
  }
}
