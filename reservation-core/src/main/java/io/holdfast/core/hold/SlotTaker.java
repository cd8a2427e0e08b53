package io.holdfast.core.hold;

import io.holdfast.contracts.problem.Problems;
import io.holdfast.core.event.EventInfo;
import io.holdfast.core.grid.Grid;
import io.holdfast.core.grid.GridMaps;
import io.holdfast.core.inventory.TakeBatch;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes the slots of a batch's holds of one event. Every hold asks its section's shard in the
 * batch's home entry first: for sections of equal shard count that is one entry processor for
 * the whole batch. What a hold could not cover asks its section's next shard, one round at a
 * time, each round one operation per entry. A hold its whole section cannot cover gives back
 * what it took and is refused: a hold is all or nothing.
 */
final class SlotTaker {
  private static final Logger LOG = LoggerFactory.getLogger(SlotTaker.class);
  private final Grid grid;

  SlotTaker(Grid grid) {
    this.grid = grid;
  }

  /**
   * Answers the holds that got all their slots; the others are refused as sold out by the time
   * the future completes. {@code soldOut} hears of each section where a hold found no slot.
   */
  Future<List<PendingHold>> take(String eventId, int home, List<PendingHold> holds,
      long expiresAt, long now, Consumer<EventInfo.Section> soldOut) {
    return round(eventId, home, 0, holds, new ArrayList<>(holds.size()), expiresAt, now,
        soldOut);
  }

  private Future<List<PendingHold>> round(String eventId, int home, int round,
      List<PendingHold> missing, List<PendingHold> covered, long expiresAt, long now,
      Consumer<EventInfo.Section> soldOut) {
    if (missing.isEmpty()) {
      return Future.succeededFuture(covered);
    }
    List<Future<?>> ops = new ArrayList<>();
    Map<Integer, List<PendingHold>> byEntry = new HashMap<>();
    for (PendingHold h : missing) {
      int shards = h.section.shards();
      if (round >= shards) {
        if (h.got == 0) {
          soldOut.accept(h.section);
        }
        ops.add(h.giveBack(grid, eventId));
        h.refuse(Problems.soldOut(h.section.id()));
      } else {
        byEntry.computeIfAbsent((home + round) % shards, k -> new ArrayList<>()).add(h);
      }
    }
    List<PendingHold> next = new ArrayList<>();
    byEntry.forEach((entry, group) -> ops.add(takeFrom(eventId, entry, group, expiresAt, now)
        .onSuccess(ignored -> {
          for (PendingHold h : group) {
            (h.covered() ? covered : next).add(h);
          }
        })));
    return Future.all(ops).compose(ignored -> round(eventId, home, round + 1, next, covered,
        expiresAt, now, soldOut));
  }

  private Future<int[]> takeFrom(String eventId, int entry, List<PendingHold> group,
      long expiresAt, long now) {
    int n = group.size();
    int[] sections = new int[n];
    long[] his = new long[n];
    long[] los = new long[n];
    int[] quantities = new int[n];
    for (int i = 0; i < n; i++) {
      PendingHold h = group.get(i);
      sections[i] = h.section.index();
      his[i] = h.key.hi();
      los[i] = h.key.lo();
      quantities[i] = h.request.quantity() - h.got;
    }
    return grid.onShard(GridMaps.shardKey(eventId, entry),
            new TakeBatch(sections, his, los, quantities, expiresAt, now))
        .onSuccess(taken -> {
          for (int i = 0; i < n; i++) {
            group.get(i).took(entry, taken == null ? 0 : taken[i]);
          }
        });
  }
}
