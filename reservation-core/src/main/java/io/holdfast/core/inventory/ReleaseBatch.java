package io.holdfast.core.inventory;

import io.holdfast.core.grid.CoreSerialization;

/** Frees the slots of many holds in one inventory entry, unless sold; answers how many each. */
public final class ReleaseBatch extends CountingProcessor {
  public ReleaseBatch() {}

  public ReleaseBatch(int[] sections, long[] his, long[] los) {
    super(sections, his, los, 0);
  }

  @Override
  int apply(GaShard shard, int i) {
    return shard.release(his[i], los[i]);
  }

  @Override
  public int getClassId() {
    return CoreSerialization.RELEASE_BATCH;
  }
}
