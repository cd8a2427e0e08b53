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
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

@ExtendWith(VertxExtension.class)
@DisplayName("The reservation core on a three-member grid")
class ClusterRaceTest {
  private static final int CAPACITY = 200;

  @RegisterExtension
  final GridPerTest grid = Cores.membersPerTest("race", 3, 5870);

  @Test
  @DisplayName("keeps selling correctly when a member shuts down mid-race: no oversell, no slot sold twice")
  void memberLeavesMidRace(Vertx vertx) throws Exception {
    Cores.deploy(vertx, grid.member(0), 2);
    EventLoad event = EventLoad.onSale().general("GA", 1000, CAPACITY,
        Sharding.shardsFor(CAPACITY));
    String eventId = event.id();
    await(Bus.send(vertx, LoadEvent.fromJson(event.json())));

    CoreClient core = new CoreClient(vertx, 30_000);
    List<Future<HoldGrant>> race = new ArrayList<>();
    for (int i = 0; i < 3 * CAPACITY; i++) {
      race.add(core.hold(new HoldRequest(eventId, "buyer-" + i, "GA", 1)));
      if (i == CAPACITY / 2) {
        grid.member(2).shutdown();
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
    JsonObject counts = await(Bus.send(vertx, AvailabilityRequest.of(eventId)));
    assertThat(counts.getInteger("held")).isEqualTo(CAPACITY);
    assertThat(counts.getInteger("available")).isZero();

    // Selling every hold shows each slot went to exactly one hold.
    Set<Integer> slots = new HashSet<>();
    for (String holdId : holds) {
      JsonObject sold = await(Bus.send(vertx, new Confirm(holdId)));
      assertThat(sold.getString("status")).as(sold.encode()).isEqualTo("confirmed");
      for (Object t : sold.getJsonArray("tickets")) {
        Integer slot = ((JsonObject) t).getInteger("slot");
        assertThat(slots.add(slot)).as("slot %s sold twice", slot).isTrue();
      }
    }
    assertThat(slots).hasSize(CAPACITY);
    JsonObject after = await(Bus.send(vertx, AvailabilityRequest.of(eventId)));
    assertThat(after.getInteger("sold")).isEqualTo(CAPACITY);
    assertThat(after.getInteger("held")).isZero();
  }
}
