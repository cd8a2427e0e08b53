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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("Sections of one event sharing inventory entries")
class SectionsRaceTest {
  /** Sections of 1, 4 and 32 shards: small ones have no shard in most inventory entries. */
  private static final Map<String, Integer> CAPACITY = Map.of("TINY", 7, "SMALL", 100,
      "BIG", 900);
  private HazelcastInstance member;

  @BeforeEach
  void startGrid() {
    member = Hazelcast.newHazelcastInstance(GridConfig.member("sections-" + UUID.randomUUID(),
        "127.0.0.1", 5880, List.of()));
  }

  @AfterEach
  void stopGrid() {
    member.shutdown();
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.await(60, TimeUnit.SECONDS);
  }

  @Test
  @DisplayName("hold each section to exactly its capacity under a mixed race, every slot once")
  void mixedRace(Vertx vertx) throws Exception {
    await(vertx.deployVerticle(() -> new ReservationVerticle(member),
        new DeploymentOptions().setConfig(TestInfrastructure.config()).setInstances(2)));
    String eventId = UUID.randomUUID().toString();
    JsonArray sections = new JsonArray();
    CAPACITY.forEach((id, capacity) -> sections.add(new JsonObject().put("id", id)
        .put("kind", "general").put("priceCents", 1000).put("capacity", capacity)
        .put("shards", Sharding.shardsFor(capacity))));
    await(vertx.eventBus().request(Addresses.LOAD_EVENT, new JsonObject().put("id", eventId)
        .put("currency", "EUR").put("salesStartAt", Instant.now().minusSeconds(60).toString())
        .put("salesEndAt", Instant.now().plusSeconds(3600).toString()).put("maxPerBuyer", 4)
        .put("holdSeconds", 600).put("sections", sections)));

    // Two clients, as two edge verticles: about three times each section's capacity in
    // requests of 1 to 3 tickets, interleaved across the sections.
    List<CoreClient> clients = List.of(new CoreClient(vertx, 30_000),
        new CoreClient(vertx, 30_000));
    List<String> ids = new ArrayList<>(CAPACITY.keySet());
    List<HoldRequest> asked = new ArrayList<>();
    List<Future<HoldGrant>> race = new ArrayList<>();
    for (int i = 0; i < 1500; i++) {
      HoldRequest r = new HoldRequest(eventId, "buyer-" + i, ids.get(i % ids.size()),
          1 + i % 3);
      asked.add(r);
      race.add(clients.get(i % 2).hold(r));
    }
    try {
      await(Future.join(race));
    } catch (Exception ignored) {
      // judged one by one below
    }

    List<HoldGrant> grants = new ArrayList<>();
    for (int i = 0; i < race.size(); i++) {
      Future<HoldGrant> f = race.get(i);
      if (f.succeeded()) {
        assertThat(f.result().quantity()).isEqualTo(asked.get(i).quantity());
        assertThat(f.result().sectionId()).isEqualTo(asked.get(i).sectionId());
        grants.add(f.result());
      } else {
        assertThat(((ProblemException) f.cause()).problem().slug()).isEqualTo("sold-out");
      }
    }
    // Seats a partial hold gave back, or that a short sold-out hint kept from the race, are
    // for sale again: single tickets take every one of them, and then the sections are full.
    Thread.sleep(150);
    for (String id : ids) {
      for (int i = 0; i < CAPACITY.get(id); i++) {
        try {
          grants.add(await(clients.get(0).hold(new HoldRequest(eventId, "late-" + id + i, id,
              1))));
        } catch (ProblemException soldOut) {
          assertThat(soldOut.problem().slug()).isEqualTo("sold-out");
          break;
        }
      }
    }
    Map<String, Integer> held = new HashMap<>();
    grants.forEach(g -> held.merge(g.sectionId(), g.quantity(), Integer::sum));
    JsonObject counts = await(vertx.eventBus().<JsonObject>request(Addresses.AVAILABILITY,
        new JsonObject().put("eventId", eventId))).body();
    for (Object o : counts.getJsonArray("sections")) {
      JsonObject s = (JsonObject) o;
      String id = s.getString("sectionId");
      assertThat(s.getInteger("capacity")).isEqualTo(CAPACITY.get(id));
      assertThat(held.get(id)).as(id).isEqualTo(CAPACITY.get(id));
      assertThat(s.getInteger("held")).as(id).isEqualTo(CAPACITY.get(id));
      assertThat(s.getInteger("available")).as(id).isZero();
    }

    // Selling every hold shows each slot of each section went to exactly one hold.
    Map<String, Set<Integer>> slots = new HashMap<>();
    for (HoldGrant g : grants) {
      JsonObject sold = await(vertx.eventBus().<JsonObject>request(Addresses.CONFIRM,
          new JsonObject().put("holdId", g.holdId()))).body();
      assertThat(sold.getString("status")).as(sold.encode()).isEqualTo("confirmed");
      assertThat(sold.getJsonArray("tickets")).hasSize(g.quantity());
      for (Object t : sold.getJsonArray("tickets")) {
        Integer slot = ((JsonObject) t).getInteger("slot");
        assertThat(((JsonObject) t).getString("sectionId")).isEqualTo(g.sectionId());
        assertThat(slots.computeIfAbsent(g.sectionId(), k -> new HashSet<>()).add(slot))
            .as("slot %s of %s sold twice", slot, g.sectionId()).isTrue();
        assertThat(slot).isBetween(0, CAPACITY.get(g.sectionId()) - 1);
      }
    }
  }
}
