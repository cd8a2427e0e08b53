package io.holdfast.core;

import static io.holdfast.testkit.Await.await;
import static io.holdfast.testkit.Await.problem;
import static io.holdfast.testkit.EventLoad.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.contracts.core.AvailabilityRequest;
import io.holdfast.contracts.core.Confirm;
import io.holdfast.contracts.core.LoadEvent;
import io.holdfast.testkit.Bus;
import io.holdfast.contracts.hold.CoreClient;
import io.holdfast.contracts.hold.HoldGrant;
import io.holdfast.contracts.hold.HoldRequest;
import io.holdfast.contracts.problem.Problem;
import io.holdfast.testkit.EventLoad;
import io.holdfast.testkit.SeatMaps;
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
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

@ExtendWith(VertxExtension.class)
@DisplayName("Reserved seating in the grid")
class ReservedSeatingTest {
  @RegisterExtension
  final GridPerTest grid = Cores.memberPerTest("seats", 5890);
  private List<CoreClient> clients;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    Cores.deploy(vertx, grid.member(), 2);
    clients = List.of(new CoreClient(vertx, 30_000), new CoreClient(vertx, 30_000));
  }

  /** An event of reserved sections A (2 rows of 10) and B (1 row of 6), and GA section G. */
  private String load(Vertx vertx, int maxPerBuyer) throws Exception {
    EventLoad event = EventLoad.onSale().maxPerBuyer(maxPerBuyer)
        .reserved("A", 2000, row("1", 10), row("2", 10))
        .reserved("B", 5000, row("1", 6))
        .general("G", 1000, 50, 2);
    await(Bus.send(vertx, LoadEvent.fromJson(event.json())));
    return event.id();
  }

  private static List<Future<HoldGrant>> settle(List<Future<HoldGrant>> race) {
    try {
      race.get(0).eventually(() -> Future.join(race)).await(60, TimeUnit.SECONDS);
    } catch (Exception ignored) {
      // judged one by one
    }
    return race;
  }

  @Test
  @DisplayName("2,000 overlapping exact-seat requests: every request gets all its seats or none, "
      + "no seat twice, and the seat map agrees")
  void exactSeatRace(Vertx vertx) throws Exception {
    String eventId = load(vertx, 10);
    Random random = new Random(42);
    List<List<String>> asked = new ArrayList<>();
    List<Future<HoldGrant>> race = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      Set<String> seats = new HashSet<>();
      int n = 1 + random.nextInt(3);
      while (seats.size() < n) {
        // Mostly section A, sometimes a seat of B as well: holds across sections.
        seats.add(random.nextInt(5) == 0 ? "B-1-" + (1 + random.nextInt(6))
            : "A-" + (1 + random.nextInt(2)) + "-" + (1 + random.nextInt(10)));
      }
      List<String> list = new ArrayList<>(seats);
      asked.add(list);
      race.add(clients.get(i % 2).hold(HoldRequest.seats(eventId, "buyer-" + i, list, null,
          null)));
    }
    settle(race);

    Map<String, String> owner = new HashMap<>();
    int held = 0;
    long amount = 0;
    for (int i = 0; i < race.size(); i++) {
      Future<HoldGrant> f = race.get(i);
      if (f.succeeded()) {
        assertThat(f.result().seats()).containsExactlyInAnyOrderElementsOf(asked.get(i));
        for (String seat : f.result().seats()) {
          assertThat(owner.put(seat, f.result().holdId())).as("seat %s held twice", seat)
              .isNull();
        }
        held += f.result().quantity();
        amount += f.result().amountCents();
      } else {
        Problem p = problem(f);
        assertThat(p.slug()).as(p.toJson().encode()).isEqualTo("seats-unavailable");
        assertThat(asked.get(i)).containsAll(
            p.extensions().getJsonArray("unavailableSeats").getList());
      }
    }
    assertThat(held).isPositive().isLessThanOrEqualTo(26);
    long expected = owner.keySet().stream().mapToLong(s -> s.startsWith("A") ? 2000 : 5000).sum();
    assertThat(amount).isEqualTo(expected);

    JsonObject map = await(Bus.send(vertx, AvailabilityRequest.of(eventId)));
    assertThat(map.getInteger("held")).isEqualTo(held);
    assertThat(SeatMaps.seats(map, 'h')).isEqualTo(owner.keySet());

    // Selling every hold issues each seat once, as its own slot and ID.
    Set<String> sold = new HashSet<>();
    for (Future<HoldGrant> f : race) {
      if (f.succeeded()) {
        JsonObject reply = await(Bus.send(vertx, new Confirm(f.result().holdId())));
        assertThat(reply.getString("status")).isEqualTo("confirmed");
        for (Object t : reply.getJsonArray("tickets")) {
          String seat = ((JsonObject) t).getString("seat");
          assertThat(sold.add(seat)).as("seat %s sold twice", seat).isTrue();
        }
      }
    }
    assertThat(sold).isEqualTo(owner.keySet());
  }

  @Test
  @DisplayName("best available together gives adjacent seats in one row, best row first, and "
      + "fills the section exactly")
  void bestAvailableRace(Vertx vertx) throws Exception {
    String eventId = load(vertx, 10);
    List<Future<HoldGrant>> race = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      race.add(clients.get(i % 2).hold(new HoldRequest(eventId, "buyer-" + i, "A", 2 + i % 3,
          null, null, true, null)));
    }
    settle(race);
    Set<String> seats = new HashSet<>();
    for (Future<HoldGrant> f : race) {
      if (f.failed()) {
        assertThat(problem(f).slug()).isIn("sold-out", "no-adjacent-seats");
        continue;
      }
      List<String> got = f.result().seats();
      String row = got.get(0).split("-")[1];
      List<Integer> numbers = new ArrayList<>();
      for (String seat : got) {
        assertThat(seat.split("-")[1]).as("one row").isEqualTo(row);
        numbers.add(Integer.parseInt(seat.split("-")[2]));
        assertThat(seats.add(seat)).isTrue();
      }
      numbers.sort(null);
      assertThat(numbers.get(numbers.size() - 1) - numbers.get(0)).as("adjacent: %s", got)
          .isEqualTo(got.size() - 1);
    }
    assertThat(seats.size()).isGreaterThan(14).isLessThanOrEqualTo(20);
  }

  @Test
  @DisplayName("one buyer firing 50 parallel holds of every kind never passes maxPerBuyer")
  void oneBuyerFiftyHolds(Vertx vertx) throws Exception {
    String eventId = load(vertx, 6);
    List<Future<HoldGrant>> race = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      HoldRequest r = switch (i % 3) {
        case 0 -> HoldRequest.seats(eventId, "greedy", List.of("A-" + (1 + i % 2) + "-"
            + (1 + i % 10)), null, null);
        case 1 -> new HoldRequest(eventId, "greedy", "A", 2, null, null, true, null);
        default -> new HoldRequest(eventId, "greedy", "G", 1 + i % 2);
      };
      race.add(clients.get(i % 2).hold(r));
    }
    settle(race);
    int got = 0;
    for (Future<HoldGrant> f : race) {
      if (f.succeeded()) {
        got += f.result().quantity();
      } else {
        // Seats are taken before the allowance is checked: in one batch the buyer's own
        // requests can crowd each other out of section A as well.
        assertThat(problem(f).slug()).isIn("purchase-limit", "seats-unavailable", "sold-out",
            "no-adjacent-seats");
      }
    }
    assertThat(got).isLessThanOrEqualTo(6).isGreaterThanOrEqualTo(5);
    JsonObject map = await(Bus.send(vertx, AvailabilityRequest.of(eventId)));
    assertThat(map.getInteger("held")).as("refused holds gave their seats back").isEqualTo(got);
  }

  @Test
  @DisplayName("a partner's customers each have their own limit; a bad seat or section is a 422")
  void partnersAndBadSeats(Vertx vertx) throws Exception {
    String eventId = load(vertx, 2);
    CoreClient c = clients.get(0);
    assertThat(await(c.hold(new HoldRequest(eventId, "partner", "G", 2, null, null, false,
        "customer-1"))).quantity()).isEqualTo(2);
    assertThat(await(c.hold(new HoldRequest(eventId, "partner", "G", 2, null, null, false,
        "customer-2"))).quantity()).isEqualTo(2);
    Future<HoldGrant> third = c.hold(new HoldRequest(eventId, "partner", "G", 1, null, null,
        false, "customer-1"));
    settle(List.of(third));
    assertThat(problem(third).slug()).isEqualTo("purchase-limit");

    Future<HoldGrant> unknown = c.hold(HoldRequest.seats(eventId, "b", List.of("A-1-11",
        "Z-1-1", "A-3-1", "G-1-1", "A-1-01"), null, null));
    settle(List.of(unknown));
    assertThat(problem(unknown).status()).isEqualTo(422);
    assertThat(problem(unknown).extensions().getJsonArray("unknownSeats").getList())
        .containsExactly("A-1-11", "Z-1-1", "A-3-1", "G-1-1", "A-1-01");
    Future<HoldGrant> together = c.hold(new HoldRequest(eventId, "b", "G", 2, null, null, true,
        null));
    settle(List.of(together));
    assertThat(problem(together).status()).isEqualTo(422);
    JsonObject map = await(Bus.send(vertx, AvailabilityRequest.of(eventId)));
    assertThat(map.getInteger("held")).isEqualTo(4);
  }
}
