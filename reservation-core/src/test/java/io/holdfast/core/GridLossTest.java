package io.holdfast.core;

import static io.holdfast.testkit.Await.await;
import static io.holdfast.testkit.Await.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.hazelcast.map.IMap;
import io.holdfast.contracts.Addresses;
import io.holdfast.contracts.core.RebuildEvents;
import io.holdfast.contracts.core.Rebuilt;
import io.holdfast.contracts.core.AvailabilityRequest;
import io.holdfast.contracts.core.Confirm;
import io.holdfast.contracts.core.LoadEvent;
import io.holdfast.contracts.Sharding;
import io.holdfast.contracts.hold.CoreClient;
import io.holdfast.contracts.hold.HoldGrant;
import io.holdfast.contracts.hold.HoldRequest;
import io.holdfast.contracts.problem.Problem;
import io.holdfast.contracts.problem.ProblemException;
import io.holdfast.core.grid.GridMaps;
import io.holdfast.testkit.Await;
import io.holdfast.testkit.Bus;
import io.holdfast.testkit.EventLoad;
import io.holdfast.testkit.grid.GridPerTest;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two of three members die at once: with one backup, every partition whose owner and backup
 * were both on them is lost (about a third). The test stands in for the edge's rebuild from
 * PostgreSQL: its ledger of confirmations is what PostgreSQL would say is sold.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("The reservation core after the grid lost partitions")
class GridLossTest {
  private static final int GA = 1000;
  private static final int MAX = 4;

  @RegisterExtension
  final GridPerTest grid = Cores.membersPerTest("loss", 3, 5930);

  private static JsonObject event(String eventId) {
    return EventLoad.onSale(eventId, Instant.now()).maxPerBuyer(MAX)
        .general("G", 1000, GA, Sharding.shardsFor(GA))
        .reserved("A", 3000, EventLoad.row("1", 10), EventLoad.row("2", 10)).json();
  }

  /** What PostgreSQL would record of a confirmation: {holdId, buyerId, sectionId, slots}. */
  private static void record(JsonArray ledger, String buyerId, JsonObject confirmed) {
    assertThat(confirmed.getString("status")).as(confirmed.encode()).isEqualTo("confirmed");
    JsonObject bySection = new JsonObject();
    for (Object t : confirmed.getJsonArray("tickets")) {
      JsonObject ticket = (JsonObject) t;
      JsonArray slots = bySection.getJsonArray(ticket.getString("sectionId"));
      if (slots == null) {
        slots = new JsonArray();
        bySection.put(ticket.getString("sectionId"), slots);
      }
      slots.add(ticket.getInteger("slot"));
    }
    String holdId = confirmed.getJsonObject("hold").getString("holdId");
    bySection.forEach(e -> ledger.add(new JsonObject().put("holdId", holdId)
        .put("buyerId", buyerId).put("sectionId", e.getKey()).put("slots", e.getValue())));
  }

  private static Set<String> sold(JsonArray ledger) {
    Set<String> sold = new HashSet<>();
    for (Object o : ledger) {
      JsonObject s = (JsonObject) o;
      for (Object slot : s.getJsonArray("slots")) {
        sold.add(s.getString("sectionId") + "/" + slot);
      }
    }
    return sold;
  }

  private static boolean eventually(BooleanSupplier check) {
    return Await.eventually(Duration.ofSeconds(20), check);
  }

  @Test
  @DisplayName("refuses holds and confirmations of an event that lost inventory, never recreates "
      + "lost entries empty on a reload, and after the rebuild sells every seat exactly once")
  void failsClosedAndRebuilds(Vertx vertx) throws Exception {
    Cores.deploy(vertx, grid.member(0), 2);
    String eventId = UUID.randomUUID().toString();
    JsonObject event = event(eventId);
    Bus.request(vertx, LoadEvent.fromJson(event));
    CoreClient core = new CoreClient(vertx, 30_000);

    // Sales in rounds, so that the batches' home entries rotate over the event's entries.
    JsonArray ledger = new JsonArray();
    List<String> buyers = new ArrayList<>();
    for (int round = 0; round < 30; round++) {
      List<Future<HoldGrant>> holds = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        String buyer = "buyer-" + round + "-" + i;
        buyers.add(buyer);
        holds.add(core.hold(new HoldRequest(eventId, buyer, "G", MAX)));
      }
      for (int i = 0; i < holds.size(); i++) {
        record(ledger, buyers.get(5 * round + i), Bus.request(vertx,
            new Confirm(await(holds.get(i)).holdId())));
      }
    }
    String seatBuyer = "seat-buyer";
    record(ledger, seatBuyer, Bus.request(vertx, new Confirm(
        await(core.hold(HoldRequest.seats(eventId, seatBuyer, List.of("A-1-1", "A-1-2",
            "A-2-5"), null, null))).holdId())));
    List<String> active = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      active.add(await(core.hold(new HoldRequest(eventId, "active-" + i, "G", 2))).holdId());
    }
    Set<String> soldBefore = sold(ledger);
    assertThat(soldBefore).hasSize(30 * 5 * MAX + 3);

    // The stand-in for the edge's rebuild: it waits for the test's word, then loads the event
    // again with what "PostgreSQL" says is sold.
    List<JsonObject> asked = new CopyOnWriteArrayList<>();
    Promise<Void> go = Promise.promise();
    vertx.eventBus().<RebuildEvents>consumer(Addresses.REBUILD_EVENTS, msg -> {
      asked.add(msg.body().toJson());
      go.future().compose(ignored -> Bus.send(vertx,
              LoadEvent.fromJson(event.copy().put("rebuild", true).put("sold", ledger))))
          .onSuccess(done -> msg.reply(new Rebuilt(List.of(eventId), true)))
          .onFailure(t -> msg.fail(500, t.getMessage()));
    });

    // Backups in place, then two of the three members die at once.
    assertThat(eventually(() -> grid.member(0).getPartitionService().isClusterSafe())).isTrue();
    grid.member(1).getLifecycleService().terminate();
    grid.member(2).getLifecycleService().terminate();
    assertThat(eventually(() -> grid.member(0).getCluster().getMembers().size() == 1)).isTrue();
    IMap<String, Object> inventory = grid.member(0).getMap(GridMaps.INVENTORY);
    int entries = Sharding.shardsFor(GA);
    assertThat(eventually(() -> {
      Future<HoldGrant> probe = core.hold(new HoldRequest(eventId, "probe-" + UUID.randomUUID(),
          "G", 1));
      try {
        probe.await(30, TimeUnit.SECONDS);
        return false;
      } catch (Exception e) {
        return probe.cause() instanceof ProblemException pe
            && "inventory-rebuilding".equals(pe.problem().slug());
      }
    })).as("holds are refused as inventory-rebuilding").isTrue();
    List<Integer> lost = new ArrayList<>();
    for (int k = 0; k < entries; k++) {
      if (!inventory.containsKey(GridMaps.shardKey(eventId, k))) {
        lost.add(k);
      }
    }
    assumeThat(lost).as("some of the event's entries were lost").isNotEmpty();

    // Fail closed: no hold of any kind, no confirmation (a 503 the payment-worker retries).
    Problem seats = problem(core.hold(HoldRequest.seats(eventId, "late", List.of("A-1-9"),
        null, null)));
    assertThat(seats.status()).isEqualTo(503);
    assertThat(seats.slug()).isEqualTo("inventory-rebuilding");
    assertThat(seats.extensions().getInteger("retryAfterSeconds")).isPositive();
    Problem confirm = problem(Bus.send(vertx, Confirm.fromJson(new JsonObject().put("holdId", active.get(0)))));
    assertThat(confirm.status()).isEqualTo(503);

    // An edit or a cancellation loads the event again meanwhile: the lost entries stay lost
    // (for the rebuild to fill), never recreated empty. When the event's own record was lost
    // too, the core cannot tell a reload from a first load, and refuses it (retried later).
    Future<JsonObject> reload = Bus.send(vertx, LoadEvent.fromJson(event));
    try {
      reload.await(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      assertThat(problem(reload).slug()).isEqualTo("inventory-rebuilding");
    }
    for (int k : lost) {
      assertThat(inventory.containsKey(GridMaps.shardKey(eventId, k)))
          .as("lost entry %s recreated by a reload", k).isFalse();
    }
    assertThat(asked).as("the core asked for a rebuild").isNotEmpty();
    assertThat(asked.get(0).getJsonArray("eventIds").contains(eventId)
        || asked.get(0).getBoolean("unknown")).isTrue();

    // The rebuild; sales resume only after it.
    go.complete();
    assertThat(eventually(() -> {
      try {
        return core.hold(new HoldRequest(eventId, "after-" + UUID.randomUUID(), "G", 1))
            .await(30, TimeUnit.SECONDS) != null;
      } catch (Exception e) {
        return false;
      }
    })).as("sales resume after the rebuild").isTrue();

    JsonObject counts = Bus.request(vertx, AvailabilityRequest.fromJson(new JsonObject()
        .put("eventId", eventId)));
    assertThat(counts.getInteger("capacity")).isEqualTo(GA + 20);
    assertThat(counts.getInteger("sold")).isEqualTo(soldBefore.size());
    assertThat(counts.getInteger("sold") + counts.getInteger("held")
        + counts.getInteger("available")).isEqualTo(GA + 20);
    String row1 = counts.getJsonArray("sections").getJsonObject(1).getJsonArray("rows")
        .getJsonObject(0).getString("seats");
    assertThat(row1.substring(0, 2)).isEqualTo("ss");
    // A buyer who bought the most it may still cannot buy more, whichever book was lost.
    for (String buyer : buyers) {
      Problem limit = problem(core.hold(new HoldRequest(eventId, buyer, "G", 1)));
      assertThat(limit.slug()).as(buyer).isEqualTo("purchase-limit");
    }

    // Selling the rest: every slot goes once, none that was sold before the loss.
    Set<String> soldAfter = new HashSet<>();
    for (int i = 0; ; i++) {
      Future<HoldGrant> hold = core.hold(new HoldRequest(eventId, "rest-" + i, "G", 1));
      try {
        hold.await(30, TimeUnit.SECONDS);
      } catch (Exception e) {
        assertThat(((ProblemException) hold.cause()).problem().slug()).isEqualTo("sold-out");
        break;
      }
      JsonObject confirmed = Bus.request(vertx, Confirm.fromJson(new JsonObject()
          .put("holdId", hold.result().holdId())));
      JsonArray mine = new JsonArray();
      record(mine, "rest-" + i, confirmed);
      for (String slot : sold(mine)) {
        assertThat(soldBefore).as("sold again after the rebuild").doesNotContain(slot);
        assertThat(soldAfter.add(slot)).as("%s sold twice", slot).isTrue();
      }
    }
    JsonObject end = Bus.request(vertx, AvailabilityRequest.fromJson(new JsonObject()
        .put("eventId", eventId).put("seats", false)));
    JsonObject ga = end.getJsonArray("sections").getJsonObject(0);
    assertThat(ga.getInteger("sold") + ga.getInteger("held")).isEqualTo(GA);
    assertThat(end.getInteger("sold") + end.getInteger("held") + end.getInteger("available"))
        .isEqualTo(GA + 20);
  }
}
