package io.holdfast.core.hold;

import io.holdfast.contracts.problem.Problem;
import io.holdfast.contracts.problem.Problems;
import io.holdfast.core.event.EventInfo;
import io.holdfast.core.grid.Grid;
import io.holdfast.core.grid.GridMaps;
import io.holdfast.core.inventory.SeatShard;
import io.holdfast.core.inventory.TakeSeats;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Takes the seats of a batch's reserved-seating holds of one event: one {@link TakeSeats} per
 * inventory entry the batch touches, each hold asking every section it names there. A hold that
 * any section refuses gives back what the others gave it and is refused: all or nothing, and
 * the refusal names the seats that were taken.
 */
final class SeatTaker {
  private final Grid grid;

  SeatTaker(Grid grid) {
    this.grid = grid;
  }

  /** One section's share of one hold. */
  private record Ask(PendingHold hold, EventInfo.Section section, int[] seats) {}

  /** Answers the holds that got every seat; the others are refused when the future completes. */
  Future<List<PendingHold>> take(String eventId, List<PendingHold> holds, long expiresAt,
      long now) {
    Map<Integer, List<Ask>> byEntry = new HashMap<>();
    for (PendingHold h : holds) {
      if (h.seatParts == null) {
        byEntry.computeIfAbsent(h.section.firstEntry(), k -> new ArrayList<>())
            .add(new Ask(h, h.section, null));
      } else {
        for (PendingHold.SeatPart part : h.seatParts) {
          byEntry.computeIfAbsent(part.section().firstEntry(), k -> new ArrayList<>())
              .add(new Ask(h, part.section(), part.slots()));
        }
      }
    }
    Map<PendingHold, Problem> refused = new IdentityHashMap<>();
    List<Future<?>> ops = new ArrayList<>(byEntry.size());
    byEntry.forEach((entry, asks) -> ops.add(takeFrom(eventId, entry, asks, expiresAt, now)
        .onSuccess(answers -> {
          for (int i = 0; i < asks.size(); i++) {
            Ask ask = asks.get(i);
            int[] answer = answers == null ? new int[] {SeatShard.FAILED, SeatShard.TOO_FEW}
                : answers[i];
            if (answer.length > 0 && answer[0] == SeatShard.FAILED) {
              refused.merge(ask.hold(), refusal(ask, answer), SeatTaker::merge);
            } else {
              ask.hold().tookSeats(ask.section(), answer);
            }
          }
        })));
    return Future.join(ops).compose(ignored -> {
      List<PendingHold> covered = new ArrayList<>(holds.size());
      List<Future<?>> undo = new ArrayList<>();
      for (PendingHold h : holds) {
        Problem problem = refused.get(h);
        if (problem == null && h.covered()) {
          covered.add(h);
          continue;
        }
        undo.add(h.giveBack(grid, eventId));
        // No refusal: its entry did not answer, the grid failed under this batch.
        h.refuse(problem == null ? HoldBatcher.CORE_UNAVAILABLE : problem);
      }
      return Future.join(undo).map(covered);
    });
  }

  private Future<int[][]> takeFrom(String eventId, int entry, List<Ask> asks, long expiresAt,
      long now) {
    int n = asks.size();
    int[] sections = new int[n];
    long[] his = new long[n];
    long[] los = new long[n];
    int[][] seats = new int[n][];
    int[] quantities = new int[n];
    boolean[] together = new boolean[n];
    for (int i = 0; i < n; i++) {
      Ask ask = asks.get(i);
      sections[i] = ask.section().index();
      his[i] = ask.hold().key.hi();
      los[i] = ask.hold().key.lo();
      seats[i] = ask.seats();
      quantities[i] = ask.seats() == null ? ask.hold().request.quantity() : ask.seats().length;
      together[i] = ask.hold().request.together();
    }
    return grid.onShard(GridMaps.shardKey(eventId, entry),
        new TakeSeats(sections, his, los, seats, quantities, together, expiresAt, now));
  }

  private static Problem refusal(Ask ask, int[] answer) {
    EventInfo.Section s = ask.section();
    int quantity = ask.hold().request.quantity();
    return switch (answer[1]) {
      case SeatShard.TAKEN -> {
        List<String> taken = new ArrayList<>(answer.length - 2);
        for (int i = 2; i < answer.length; i++) {
          taken.add(s.layout().seatId(answer[i]));
        }
        yield seatsUnavailable(taken);
      }
      case SeatShard.NOT_TOGETHER -> Problem.of(409, "no-adjacent-seats", "No seats together",
              "Section " + s.id() + " has no " + quantity + " seats side by side in one row any "
                  + "more; ask without together, or for fewer seats")
          .with("sectionId", s.id());
      default -> Problems.soldOut(s.id());
    };
  }

  static Problem seatsUnavailable(List<String> seats) {
    return Problem.of(409, "seats-unavailable", "Seats unavailable",
            "Seats " + String.join(", ", seats) + " are taken; nothing was held")
        .with("unavailableSeats", new JsonArray(List.copyOf(seats)));
  }

  /** A hold refused by two sections: the taken seats of both, or the first refusal. */
  private static Problem merge(Problem a, Problem b) {
    if ("seats-unavailable".equals(a.slug()) && "seats-unavailable".equals(b.slug())) {
      List<String> seats = new ArrayList<>(names(a));
      seats.addAll(names(b));
      return seatsUnavailable(seats);
    }
    return a;
  }

  @SuppressWarnings("unchecked")
  private static List<String> names(Problem p) {
    JsonArray seats = p.extensions().getJsonArray("unavailableSeats");
    return seats == null ? List.of() : (List<String>) seats.getList();
  }
}
