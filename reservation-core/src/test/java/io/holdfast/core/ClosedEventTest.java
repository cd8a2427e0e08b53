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
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Defence in depth behind the edge's row lock: once the core was told an event is cancelled,
 * no later load of it (a stale copy, a re-publish) opens its sales again.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("A cancelled event in the core")
class ClosedEventTest {
  private HazelcastInstance member;
  private CoreClient client;
  private Vertx vertx;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    this.vertx = vertx;
    member = Hazelcast.newHazelcastInstance(GridConfig.member("closed-" + UUID.randomUUID(),
        "127.0.0.1", 5975, List.of()));
    vertx.deployVerticle(() -> new ReservationVerticle(member),
        new DeploymentOptions().setConfig(TestInfrastructure.config())).await(60, TimeUnit.SECONDS);
    client = new CoreClient(vertx, 30_000);
  }

  @AfterEach
  void stopGrid() {
    member.shutdown();
  }

  private static JsonObject event(String id, String status, Instant salesEnd) {
    return new JsonObject().put("id", id).put("status", status).put("currency", "EUR")
        .put("salesStartAt", Instant.now().minusSeconds(60).toString())
        .put("salesEndAt", salesEnd.toString()).put("maxPerBuyer", 4).put("holdSeconds", 600)
        .put("sections", new JsonArray().add(new JsonObject().put("id", "G")
            .put("kind", "general").put("priceCents", 1000).put("capacity", 20).put("shards", 1)));
  }

  private Future<JsonObject> load(JsonObject event) {
    return BusProblems.unwrapped(vertx.eventBus().<JsonObject>request(Addresses.LOAD_EVENT, event)
        .map(m -> m.body()));
  }

  private Future<?> hold(String eventId) {
    return client.hold(new HoldRequest(eventId, UUID.randomUUID().toString(), "G", 1));
  }

  private static Problem problem(Future<?> f) {
    try {
      f.await(60, TimeUnit.SECONDS);
    } catch (Exception ignored) {
      // judged below
    }
    assertThat(f.failed()).as("expected a failure, got %s", f.result()).isTrue();
    return ((ProblemException) f.cause()).problem();
  }

  @Test
  @DisplayName("a load that would reopen a cancelled event is refused with 409, and nothing sells")
  void neverReopens() throws Exception {
    String id = UUID.randomUUID().toString();
    Instant later = Instant.now().plusSeconds(3600);
    load(event(id, "on_sale", later)).await(60, TimeUnit.SECONDS);
    hold(id).await(60, TimeUnit.SECONDS);

    load(event(id, "cancelled", Instant.now())).await(60, TimeUnit.SECONDS);
    assertThat(problem(hold(id)).slug()).isEqualTo("sales-closed");

    Problem refused = problem(load(event(id, "on_sale", later)));
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.slug()).isEqualTo("invalid-state");
    assertThat(problem(hold(id)).slug()).isEqualTo("sales-closed");
    // Loading it closed again (a cancel repeated) is fine, and changes nothing.
    load(event(id, "cancelled", Instant.now())).await(60, TimeUnit.SECONDS);
    assertThat(problem(hold(id)).slug()).isEqualTo("sales-closed");
  }
}
