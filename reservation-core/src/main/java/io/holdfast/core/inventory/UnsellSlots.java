package io.holdfast.core.inventory;

import io.holdfast.core.grid.CoreSerialization;

/** Returns a sold hold's slots to sale; answers how many. */
public final class UnsellSlots extends ShardProcessor<Integer> {
  public UnsellSlots() {}

  public UnsellSlots(int section, long hi, long lo) {
    super(section, hi, lo, 0);
  }

  @Override
  Integer apply(GaShard shard) {
    return shard.unsell(hi, lo);
  }

  @Override
  public int getClassId() {
    return CoreSerialization.UNSELL_SLOTS;
  }
}
