package io.holdfast.core.hold;

import io.holdfast.contracts.core.Expired;
import io.holdfast.contracts.hold.HoldKey;
import io.holdfast.core.grid.Grid;
import io.holdfast.core.grid.GridMaps;
import io.holdfast.core.inventory.ReleaseBatch;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Expires lapsed holds in batches, as they are taken: one operation per book for the records
 * and allowances, then one per inventory entry for the slots. A drop's expiries then cost a few
 * operations per thousand holds instead of three per hold.
 */
public final class HoldExpiry {
  private final Grid grid;
  private final LongSupplier clock;

  public HoldExpiry(Grid grid, LongSupplier clock) {
    this.grid = grid;
    this.clock = clock;
  }

  /**
   * Expires the holds that are due; answers expired, or not-due with when to ask again when
   * some are early (those are asked again later; the rest are
   * done). IDs that name no hold of ours, or holds no longer active, are left alone.
   */
  public Future<Expired> expire(List<String> holdIds) {
    long now = clock.getAsLong();
    Map<Integer, List<HoldKey>> byBook = new HashMap<>();
    for (String id : holdIds) {
      HoldKey key = HoldKey.parse(id);
      if (key != null) {
        byBook.computeIfAbsent(key.book(), k -> new ArrayList<>()).add(key);
      }
    }
    List<Future<ExpiredHolds>> books = new ArrayList<>(byBook.size());
    byBook.forEach((book, keys) -> {
      long[] his = new long[keys.size()];
      long[] los = new long[keys.size()];
      for (int i = 0; i < his.length; i++) {
        his[i] = keys.get(i).hi();
        los[i] = keys.get(i).lo();
      }
      books.add(grid.onBook(book, new ExpireHolds(his, los, now)));
    });
    return Future.all(books).compose(all -> {
      long wait = 0;
      List<HoldRecord> expired = new ArrayList<>();
      for (int i = 0; i < all.size(); i++) {
        ExpiredHolds result = all.resultAt(i);
        if (result != null) {
          expired.addAll(result.expired());
          if (result.retryInMillis() > 0) {
            wait = wait == 0 ? result.retryInMillis() : Math.min(wait, result.retryInMillis());
          }
        }
      }
      long retry = wait;
      return free(expired).map(ignored -> retry > 0 ? Expired.notDue(retry) : Expired.DONE);
    });
  }

  /** Frees the slots of expired holds: one operation per inventory entry they touch. */
  private Future<?> free(List<HoldRecord> expired) {
    Map<String, List<HoldRecord>> byEntry = new HashMap<>();
    Map<String, List<Integer>> partsByEntry = new HashMap<>();
    for (HoldRecord r : expired) {
      for (int p = 0; p < r.parts(); p++) {
        String entry = GridMaps.shardKey(r.eventId(), r.entryOf(p));
        byEntry.computeIfAbsent(entry, k -> new ArrayList<>()).add(r);
        partsByEntry.computeIfAbsent(entry, k -> new ArrayList<>()).add(r.sectionOf(p));
      }
    }
    List<Future<int[]>> ops = new ArrayList<>(byEntry.size());
    byEntry.forEach((entry, records) -> {
      int n = records.size();
      int[] sections = new int[n];
      long[] his = new long[n];
      long[] los = new long[n];
      for (int i = 0; i < n; i++) {
        HoldRecord r = records.get(i);
        sections[i] = partsByEntry.get(entry).get(i);
        his[i] = r.hi;
        los[i] = r.lo;
      }
      ops.add(grid.onShard(entry, new ReleaseBatch(sections, his, los)));
    });
    return Future.all(ops);
  }
}
