package io.holdfast.core.hold;

import io.holdfast.contracts.problem.Problems;
import io.holdfast.core.event.EventInfo;
import io.holdfast.core.grid.Grid;
import io.holdfast.core.grid.GridMaps;
import io.holdfast.core.inventory.ReleaseSlots;
import io.holdfast.core.inventory.TakeBatch;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes the slots of a batch's holds in one section: every hold asks the batch's home shard
 * first, in one entry processor; what it could not cover asks the next shard, and so on, one
 * operation per round for all the holds still short. A hold the whole section cannot cover
 * gives back what it took and is refused: a hold is all or nothing.
 */
final class SlotTaker {
  private static final Logger LOG = LoggerFactory.getLogger(SlotTaker.class);
  private final Grid grid;

  SlotTaker(Grid grid) {
    this.grid = grid;
  }

  /**
   * Answers the holds that got all their slots; the others are refused as sold out by the time
   * the future completes. {@code soldOut} runs when a hold found no slot at all.
   */
  Future<List<PendingHold>> take(String eventId, EventInfo.Section section, int home,
      List<PendingHold> holds, long expiresAt, long now, Runnable soldOut) {
    return round(eventId, section, home, 0, holds, new ArrayList<>(holds.size()), expiresAt, now,
        soldOut);
  }

  private Future<List<PendingHold>> round(String eventId, EventInfo.Section section, int home,
      int round, List<PendingHold> missing, List<PendingHold> covered, long expiresAt, long now,
      Runnable soldOut) {
    if (missing.isEmpty()) {
      return Future.succeededFuture(covered);
    }
    if (round >= section.shards()) {
      List<Future<?>> undo = new ArrayList<>();
      for (PendingHold h : missing) {
        if (h.got == 0) {
          soldOut.run();
        }
        undo.add(giveBack(eventId, section.id(), h));
        h.refuse(Problems.soldOut(section.id()));
      }
      return Future.join(undo).transform(ignored -> Future.succeededFuture(covered));
    }
    int shard = (home + round) % section.shards();
    int n = missing.size();
    long[] his = new long[n];
    long[] los = new long[n];
    int[] quantities = new int[n];
    for (int i = 0; i < n; i++) {
      PendingHold h = missing.get(i);
      his[i] = h.key.hi();
      los[i] = h.key.lo();
      quantities[i] = h.request.quantity() - h.got;
    }
    return grid.onShard(GridMaps.shardKey(eventId, section.id(), shard),
            new TakeBatch(his, los, quantities, expiresAt, now))
        .compose(taken -> {
          List<PendingHold> next = new ArrayList<>();
          for (int i = 0; i < n; i++) {
            PendingHold h = missing.get(i);
            h.took(shard, taken == null ? 0 : taken[i]);
            (h.covered() ? covered : next).add(h);
          }
          return round(eventId, section, home, round + 1, next, covered, expiresAt, now,
              soldOut);
        });
  }

  /** Frees what a hold took; a failure only delays the slots until the hold lapses. */
  Future<?> giveBack(String eventId, String sectionId, PendingHold h) {
    List<Future<Integer>> undo = new ArrayList<>(h.shardCount);
    for (int i = 0; i < h.shardCount; i++) {
      undo.add(grid.onShard(GridMaps.shardKey(eventId, sectionId, h.shards[i]),
          new ReleaseSlots(h.key.hi(), h.key.lo())));
    }
    return Future.join(undo).onFailure(t -> LOG.warn("Could not give back the slots of hold {} "
        + "of event {}; they are free again when it lapses", h.key, eventId, t));
  }
}
