package io.holdfast.core.inventory;

import io.holdfast.core.grid.CoreSerialization;

/** Returns a sold hold's slots to sale; answers how many. */
public final class UnsellSlots extends ShardProcessor<Integer> {
  public UnsellSlots() {}

  public UnsellSlots(String holdId) {
    super(holdId, 0);
  }

  @Override
  Integer apply(GaShard shard) {
    return shard.unsell(holdId);
  }

  @Override
  public int getClassId() {
    return CoreSerialization.UNSELL_SLOTS;
  }
}
