package io.holdfast.core;

import static io.holdfast.testkit.Await.await;
import static io.holdfast.testkit.Await.problem;
import static io.holdfast.testkit.EventLoad.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.contracts.core.GetHold;
import io.holdfast.contracts.core.Refund;
import io.holdfast.contracts.core.AvailabilityRequest;
import io.holdfast.contracts.core.Release;
import io.holdfast.contracts.core.Confirm;
import io.holdfast.contracts.core.CoreRequest;
import io.holdfast.contracts.core.LoadEvent;
import io.holdfast.contracts.hold.CoreClient;
import io.holdfast.contracts.hold.HoldGrant;
import io.holdfast.contracts.hold.HoldKey;
import io.holdfast.contracts.hold.HoldRequest;
import io.holdfast.contracts.problem.ProblemException;
import io.holdfast.testkit.Bus;
import io.holdfast.testkit.EventLoad;
import io.holdfast.testkit.SeatMaps;
import io.holdfast.testkit.grid.GridPerTest;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

@ExtendWith(VertxExtension.class)
@DisplayName("Refunding a sold hold in the core")
class RefundTest {
  /** Reserved section A (2 rows of 10) and general admission G (20, over 2 shards). */
  private static final int CAPACITY = 40;

  @RegisterExtension
  final GridPerTest grid = Cores.memberPerTest("refund", 5960);
  private List<CoreClient> clients;
  private Vertx vertx;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    this.vertx = vertx;
    Cores.deploy(vertx, grid.member(), 2);
    clients = List.of(new CoreClient(vertx, 30_000), new CoreClient(vertx, 30_000));
  }

  private String load(int maxPerBuyer) throws Exception {
    EventLoad event = EventLoad.onSale().maxPerBuyer(maxPerBuyer)
        .reserved("A", 2000, EventLoad.row("1", 10), EventLoad.row("2", 10))
        .general("G", 1000, 20, 2);
    await(Bus.send(vertx, LoadEvent.fromJson(event.json())));
    return event.id();
  }

  private Future<JsonObject> request(CoreRequest<?> request) {
    return Bus.send(vertx, request);
  }

  private Future<JsonObject> refund(String holdId) {
    return request(new Refund(holdId));
  }

  private HoldGrant hold(HoldRequest request) throws Exception {
    return await(clients.get(0).hold(request));
  }

  /** Holds and sells; answers the hold's ID. */
  private String sell(HoldRequest request) throws Exception {
    String holdId = hold(request).holdId();
    assertThat(await(request(new Confirm(holdId))).getString("status"))
        .isEqualTo("confirmed");
    return holdId;
  }

  private JsonObject counts(String eventId) throws Exception {
    return await(Bus.send(vertx, AvailabilityRequest.of(eventId)));
  }

  private static void assertAddsUp(JsonObject counts) {
    assertThat(counts.getInteger("capacity")).isEqualTo(CAPACITY);
    assertThat(counts.getInteger("sold") + counts.getInteger("held")
        + counts.getInteger("available")).as(counts.encode()).isEqualTo(CAPACITY);
  }

  @Test
  @DisplayName("puts a sold hold's slots and seats back on sale once, frees its buyer's "
      + "allowance, and leaves holds that were not sold alone")
  void refundsOnce() throws Exception {
    String eventId = load(4);
    List<String> seats = List.of("A-1-4", "A-1-5");
    String ga = sell(new HoldRequest(eventId, "alice", "G", 2));
    String seated = sell(HoldRequest.seats(eventId, "alice", seats, null, null));
    JsonObject sold = counts(eventId);
    assertThat(sold.getInteger("sold")).isEqualTo(4);
    assertAddsUp(sold);
    assertThat(problem(clients.get(0).hold(new HoldRequest(eventId, "alice", "G", 1))).slug())
        .isEqualTo("purchase-limit");
    assertThat(problem(clients.get(1).hold(HoldRequest.seats(eventId, "bob", seats, null,
        null))).slug()).isEqualTo("seats-unavailable");

    assertThat(await(refund(ga))).isEqualTo(new JsonObject().put("status", "refunded")
        .put("returned", 2));
    assertThat(await(refund(seated))).isEqualTo(new JsonObject().put("status", "refunded")
        .put("returned", 2));
    JsonObject after = counts(eventId);
    assertThat(after.getInteger("sold")).isZero();
    assertThat(after.getInteger("held")).isZero();
    assertThat(after.getInteger("available")).isEqualTo(CAPACITY);
    assertThat(SeatMaps.seats(after, 'f')).containsAll(seats);

    // The very seats sell again to someone else, and alice may buy her 4 again.
    String bobs = hold(HoldRequest.seats(eventId, "bob", seats, null, null)).holdId();
    assertThat(hold(new HoldRequest(eventId, "alice", "G", 4)).quantity()).isEqualTo(4);

    // A repeat returns nothing, and takes nothing from the new holder.
    assertThat(await(refund(ga))).isEqualTo(new JsonObject().put("status", "refunded")
        .put("returned", 0));
    assertThat(await(refund(seated))).isEqualTo(new JsonObject().put("status", "refunded")
        .put("returned", 0));
    JsonObject repeated = counts(eventId);
    assertThat(repeated.getInteger("held")).isEqualTo(6);
    assertThat(repeated.getInteger("sold")).isZero();
    assertThat(SeatMaps.seats(repeated, 'h')).containsExactlyInAnyOrderElementsOf(seats);
    assertAddsUp(repeated);
    assertThat(problem(clients.get(0).hold(new HoldRequest(eventId, "alice", "G", 1))).slug())
        .as("the refund freed her allowance once, not twice").isEqualTo("purchase-limit");

    // Refunded is final: a late confirmation is refused and sells nothing.
    JsonObject late = await(request(new Confirm(seated)));
    assertThat(late.getString("status")).isEqualTo("unavailable");
    assertThat(late.getString("reason")).isEqualTo("seats-resold");
    assertThat(await(request(new Confirm(bobs))).getString("status")).isEqualTo("confirmed");

    // A hold that was not sold is left alone, answered with its status; an unknown one is 404.
    String active = hold(new HoldRequest(eventId, "carol", "G", 2)).holdId();
    assertThat(await(refund(active))).isEqualTo(new JsonObject().put("status", "active"));
    String released = hold(new HoldRequest(eventId, "dave", "G", 1)).holdId();
    await(Bus.send(vertx, Release.fromJson(new JsonObject().put("holdId", released)
        .put("buyerId", "dave"))));
    assertThat(await(refund(released))).isEqualTo(new JsonObject().put("status", "released"));
    JsonObject left = counts(eventId);
    assertThat(left.getInteger("held")).isEqualTo(4 + 2);
    assertThat(left.getInteger("sold")).isEqualTo(2);
    assertAddsUp(left);
    assertThat(await(request(GetHold.any(active))).getString("status")).isEqualTo("active");
    assertThat(await(request(new Confirm(active))).getString("status"))
        .isEqualTo("confirmed");

    assertThat(problem(refund(HoldKey.next(0).toString())).status()).isEqualTo(404);
    assertThat(problem(refund("not-a-hold")).status()).isEqualTo(404);
    assertThat(problem(refund(UUID.randomUUID().toString())).status()).isEqualTo(404);
  }

  @Test
  @DisplayName("20 sold holds refunded twice each, concurrently, while 20 other buyers grab "
      + "the freed seats: every slot returns once, and no seat is held twice")
  void refundRace() throws Exception {
    String eventId = load(2);
    List<String> sold = new ArrayList<>();
    List<List<String>> seatsOf = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      String row = String.valueOf(1 + i / 5);
      List<String> pair = List.of("A-" + row + "-" + (1 + 2 * (i % 5)),
          "A-" + row + "-" + (2 + 2 * (i % 5)));
      seatsOf.add(pair);
      sold.add(sell(HoldRequest.seats(eventId, "first-" + i, pair, null, null)));
      sold.add(sell(new HoldRequest(eventId, "first-ga-" + i, "G", 2)));
    }
    JsonObject full = counts(eventId);
    assertThat(full.getInteger("sold")).isEqualTo(CAPACITY);
    assertThat(full.getInteger("available")).isZero();

    List<Future<JsonObject>> refunds = new ArrayList<>();
    for (String holdId : sold) {
      refunds.add(refund(holdId));
    }
    for (String holdId : sold) {
      refunds.add(refund(holdId));
    }
    // Other buyers ask for the freed seats at once, and again while they are refused.
    List<HoldGrant> grants = new ArrayList<>();
    List<Integer> waiting = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      waiting.add(i);
    }
    for (int round = 0; round < 50 && !waiting.isEmpty(); round++) {
      List<Future<HoldGrant>> race = new ArrayList<>();
      for (int i : waiting) {
        HoldRequest r = i < 10
            ? HoldRequest.seats(eventId, "second-" + i, seatsOf.get(i), null, null)
            : new HoldRequest(eventId, "second-ga-" + i, "G", 2);
        race.add(clients.get(i % 2).hold(r));
      }
      try {
        await(Future.join(race));
      } catch (Exception ignored) {
        // judged one by one
      }
      List<Integer> still = new ArrayList<>();
      for (int k = 0; k < race.size(); k++) {
        Future<HoldGrant> f = race.get(k);
        if (f.succeeded()) {
          grants.add(f.result());
        } else {
          assertThat(((ProblemException) f.cause()).problem().slug())
              .isIn("seats-unavailable", "sold-out");
          still.add(waiting.get(k));
        }
      }
      waiting = still;
      JsonObject now = counts(eventId);
      assertAddsUp(now);
      if (!waiting.isEmpty()) {
        Thread.sleep(20);
      }
    }
    await(Future.join(refunds));
    int returned = 0;
    for (Future<JsonObject> f : refunds) {
      assertThat(f.result().getString("status")).isEqualTo("refunded");
      returned += f.result().getInteger("returned");
    }
    assertThat(returned).as("each refunded slot came back once").isEqualTo(CAPACITY);
    assertThat(waiting).as("every second buyer got the freed seats").isEmpty();

    JsonObject after = counts(eventId);
    assertAddsUp(after);
    assertThat(after.getInteger("sold")).isZero();
    assertThat(after.getInteger("held")).isEqualTo(CAPACITY);
    Set<String> held = new HashSet<>();
    for (HoldGrant g : grants) {
      for (String seat : g.seats()) {
        assertThat(held.add(seat)).as("seat %s held twice", seat).isTrue();
      }
    }
    assertThat(SeatMaps.seats(after, 'h')).isEqualTo(held).hasSize(20);

    // Selling the new holds issues every slot once.
    Set<String> tickets = new HashSet<>();
    for (HoldGrant g : grants) {
      JsonObject reply = await(request(new Confirm(g.holdId())));
      assertThat(reply.getString("status")).isEqualTo("confirmed");
      for (Object t : reply.getJsonArray("tickets")) {
        JsonObject ticket = (JsonObject) t;
        String slot = ticket.getString("sectionId") + "#" + ticket.getInteger("slot");
        assertThat(tickets.add(slot)).as("slot %s sold twice", slot).isTrue();
      }
    }
    assertThat(tickets).hasSize(CAPACITY);
    JsonObject resold = counts(eventId);
    assertThat(resold.getInteger("sold")).isEqualTo(CAPACITY);
    assertAddsUp(resold);
  }
}
