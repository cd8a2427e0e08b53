package io.holdfast.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.holdfast.contracts.Addresses;
import io.holdfast.contracts.hold.CoreClient;
import io.holdfast.contracts.hold.HoldRequest;
import io.holdfast.contracts.problem.BusProblems;
import io.holdfast.contracts.problem.Problem;
import io.holdfast.contracts.problem.ProblemException;
import io.holdfast.core.grid.GridConfig;
import io.holdfast.infra.TestInfrastructure;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One grid member and the core on it, on a clock the test moves: for tests that need hours or
 * days to pass (lapses, retention, events that ended).
 */
final class CoreFixture implements AutoCloseable {
  final Vertx vertx;
  final HazelcastInstance member;
  final AtomicLong clock = new AtomicLong(System.currentTimeMillis());
  final CoreClient client;

  CoreFixture(Vertx vertx, String name, int port, JsonObject config) throws Exception {
    this.vertx = vertx;
    this.member = Hazelcast.newHazelcastInstance(GridConfig.member(name + "-"
        + UUID.randomUUID(), "127.0.0.1", port, List.of()));
    await(vertx.deployVerticle(() -> new ReservationVerticle(member, clock::get),
        new DeploymentOptions().setConfig(TestInfrastructure.config().mergeIn(config))
            .setInstances(2)));
    this.client = new CoreClient(vertx, 30_000);
  }

  static <T> T await(Future<T> f) throws Exception {
    return f.await(60, TimeUnit.SECONDS);
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
  JsonObject event(int capacity, int maxPerBuyer, int holdSeconds, java.time.Duration endsIn) {
    JsonObject event = new JsonObject().put("id", UUID.randomUUID().toString())
        .put("currency", "EUR").put("salesStartAt", now().minusSeconds(60).toString())
        .put("salesEndAt", now().plus(java.time.Duration.ofDays(10)).toString())
        .put("maxPerBuyer", maxPerBuyer).put("holdSeconds", holdSeconds)
        .put("sections", new JsonArray().add(new JsonObject().put("id", "G")
            .put("kind", "general").put("priceCents", 1000).put("capacity", capacity)
            .put("shards", 2)));
    return endsIn == null ? event : event.put("endsAt", now().plus(endsIn).toString());
  }

  JsonObject load(JsonObject event) throws Exception {
    return request(Addresses.LOAD_EVENT, event);
  }

  Future<JsonObject> send(String address, JsonObject body) {
    return BusProblems.unwrapped(vertx.eventBus().<JsonObject>request(address, body)
        .map(Message::body));
  }

  JsonObject request(String address, JsonObject body) throws Exception {
    return await(send(address, body));
  }

  JsonObject call(String address, String holdId) throws Exception {
    return request(address, new JsonObject().put("holdId", holdId));
  }

  String hold(HoldRequest request) throws Exception {
    return await(client.hold(request)).holdId();
  }

  JsonObject confirm(String holdId) throws Exception {
    return call(Addresses.CONFIRM, holdId);
  }

  void release(String holdId, String buyerId) throws Exception {
    request(Addresses.RELEASE, new JsonObject().put("holdId", holdId).put("buyerId", buyerId));
  }

  JsonObject counts(String eventId) throws Exception {
    return request(Addresses.AVAILABILITY, new JsonObject().put("eventId", eventId));
  }

  /** The problem a call failed with; fails the test if it succeeded. */
  static Problem problem(Future<?> f) {
    try {
      f.await(60, TimeUnit.SECONDS);
    } catch (Exception ignored) {
      // judged below
    }
    assertThat(f.failed()).as("expected a failure, got %s", f.result()).isTrue();
    return ((ProblemException) f.cause()).problem();
  }

  @Override
  public void close() {
    member.shutdown();
  }
}
