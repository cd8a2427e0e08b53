package io.holdfast.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.holdfast.contracts.Addresses;
import io.holdfast.contracts.Sharding;
import io.holdfast.contracts.hold.CoreClient;
import io.holdfast.contracts.hold.HoldGrant;
import io.holdfast.contracts.hold.HoldRequest;
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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("The reservation core on a three-member grid")
class ClusterRaceTest {
  private static final int CAPACITY = 200;
  private final List<HazelcastInstance> members = new ArrayList<>();

  @BeforeEach
  void startGrid() {
    String cluster = "race-" + UUID.randomUUID();
    List<String> seeds = List.of("127.0.0.1:5870", "127.0.0.1:5871", "127.0.0.1:5872");
    for (int i = 0; i < 3; i++) {
      members.add(Hazelcast.newHazelcastInstance(
          GridConfig.member(cluster, "127.0.0.1", 5870, seeds)));
    }
    assertThat(members.get(0).getCluster().getMembers()).hasSize(3);
  }

  @AfterEach
  void stopGrid() {
    members.forEach(m -> {
      if (m.getLifecycleService().isRunning()) {
        m.shutdown();
      }
    });
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.await(60, TimeUnit.SECONDS);
  }

  @Test
  @DisplayName("keeps selling correctly when a member shuts down mid-race: no oversell, no slot sold twice")
  void memberLeavesMidRace(Vertx vertx) throws Exception {
    await(vertx.deployVerticle(() -> new ReservationVerticle(members.get(0)),
        new DeploymentOptions().setConfig(TestInfrastructure.config()).setInstances(2)));
    String eventId = UUID.randomUUID().toString();
    JsonObject event = new JsonObject().put("id", eventId).put("currency", "EUR")
        .put("salesStartAt", Instant.now().minusSeconds(60).toString())
        .put("salesEndAt", Instant.now().plusSeconds(3600).toString())
        .put("maxPerBuyer", 4).put("holdSeconds", 600)
        .put("sections", new JsonArray().add(new JsonObject().put("id", "GA")
            .put("kind", "general").put("priceCents", 1000).put("capacity", CAPACITY)
            .put("shards", Sharding.shardsFor(CAPACITY))));
    await(vertx.eventBus().request(Addresses.LOAD_EVENT, event));

    CoreClient core = new CoreClient(vertx, 30_000);
    List<Future<HoldGrant>> race = new ArrayList<>();
    for (int i = 0; i < 3 * CAPACITY; i++) {
      race.add(core.hold(new HoldRequest(eventId, "buyer-" + i, "GA", 1)));
      if (i == CAPACITY / 2) {
        members.get(2).shutdown();
      }
    }
    try {
      await(Future.join(race));
    } catch (Exception ignored) {
      // judged one by one below
    }

    List<String> holds = new ArrayList<>();
    for (Future<HoldGrant> f : race) {
      if (f.succeeded()) {
        holds.add(f.result().holdId());
      } else {
        assertThat(f.cause()).isInstanceOf(ProblemException.class);
        assertThat(((ProblemException) f.cause()).problem().status()).as(f.cause().getMessage())
            .isEqualTo(409);
      }
    }
    assertThat(holds).hasSize(CAPACITY);
    JsonObject counts = await(vertx.eventBus().<JsonObject>request(Addresses.AVAILABILITY,
        new JsonObject().put("eventId", eventId))).body();
    assertThat(counts.getInteger("held")).isEqualTo(CAPACITY);
    assertThat(counts.getInteger("available")).isZero();

    // Selling every hold shows each slot went to exactly one hold.
    Set<Integer> slots = new HashSet<>();
    for (String holdId : holds) {
      JsonObject sold = await(vertx.eventBus().<JsonObject>request(Addresses.CONFIRM,
          new JsonObject().put("holdId", holdId))).body();
      assertThat(sold.getString("status")).as(sold.encode()).isEqualTo("confirmed");
      for (Object t : sold.getJsonArray("tickets")) {
        Integer slot = ((JsonObject) t).getInteger("slot");
        assertThat(slots.add(slot)).as("slot %s sold twice", slot).isTrue();
      }
    }
    assertThat(slots).hasSize(CAPACITY);
    JsonObject after = await(vertx.eventBus().<JsonObject>request(Addresses.AVAILABILITY,
        new JsonObject().put("eventId", eventId))).body();
    assertThat(after.getInteger("sold")).isEqualTo(CAPACITY);
    assertThat(after.getInteger("held")).isZero();
  }
}
