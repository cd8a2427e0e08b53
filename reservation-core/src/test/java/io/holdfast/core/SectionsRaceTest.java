package io.holdfast.core;

import static io.holdfast.testkit.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.contracts.core.AvailabilityRequest;
import io.holdfast.contracts.core.Confirm;
import io.holdfast.contracts.core.LoadEvent;
import io.holdfast.testkit.Bus;
import io.holdfast.contracts.Sharding;
import io.holdfast.contracts.hold.CoreClient;
import io.holdfast.contracts.hold.HoldGrant;
import io.holdfast.contracts.hold.HoldRequest;
import io.holdfast.contracts.problem.ProblemException;
import io.holdfast.testkit.EventLoad;
import io.holdfast.testkit.grid.GridPerTest;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

@ExtendWith(VertxExtension.class)
@DisplayName("Sections of one event sharing inventory entries")
class SectionsRaceTest {
  /** Sections of 1, 4 and 32 shards: small ones have no shard in most inventory entries. */
  private static final Map<String, Integer> CAPACITY = Map.of("TINY", 7, "SMALL", 100,
      "BIG", 900);

  @RegisterExtension
  final GridPerTest grid = Cores.memberPerTest("sections", 5880);

  @Test
  @DisplayName("hold each section to exactly its capacity under a mixed race, every slot once")
  void mixedRace(Vertx vertx) throws Exception {
    Cores.deploy(vertx, grid.member(), 2);
    EventLoad event = EventLoad.onSale();
    CAPACITY.forEach((id, capacity) -> event.general(id, 1000, capacity,
        Sharding.shardsFor(capacity)));
    String eventId = event.id();
    await(Bus.send(vertx, LoadEvent.fromJson(event.json())));

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
    JsonObject counts = await(Bus.send(vertx, AvailabilityRequest.of(eventId)));
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
      JsonObject sold = await(Bus.send(vertx, new Confirm(g.holdId())));
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
