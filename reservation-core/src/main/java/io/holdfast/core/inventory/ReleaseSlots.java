package io.holdfast.core.inventory;

import io.holdfast.core.grid.CoreSerialization;

/** Frees a hold's slots unless they were sold; answers how many were freed. */
public final class ReleaseSlots extends ShardProcessor<Integer> {
  public ReleaseSlots() {}

  public ReleaseSlots(int section, long hi, long lo) {
    super(section, hi, lo, 0);
  }

  @Override
  Integer apply(GaShard shard) {
    return shard.release(hi, lo);
  }

  @Override
  public int getClassId() {
    return CoreSerialization.RELEASE_SLOTS;
  }
}
