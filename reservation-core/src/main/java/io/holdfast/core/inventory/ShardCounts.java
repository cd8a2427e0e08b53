package io.holdfast.core.inventory;

import io.holdfast.core.grid.CoreSerialization;

/** Reads the counts of an inventory entry without changing it (no backup run). */
public final class ShardCounts extends InventoryReader<int[]> {
  public ShardCounts() {}

  public ShardCounts(long now) {
    super(now);
  }

  /** {capacity, available, held, sold} of each section's shard here, four ints a section. */
  @Override
  int[] read(EventShard shard) {
    int[] counts = new int[4 * shard.sectionCount()];
    for (int i = 0; i < shard.sectionCount(); i++) {
      GaShard ga = shard.section(i);
      if (ga != null) {
        System.arraycopy(ga.counts(now), 0, counts, 4 * i, 4);
      }
    }
    return counts;
  }

  @Override
  public int getClassId() {
    return CoreSerialization.SHARD_COUNTS;
  }
}
