package io.holdfast.core.inventory;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import io.holdfast.core.grid.CoreSerialization;
import java.io.IOException;

/**
 * Takes slots for many holds in one visit to an inventory entry: the micro-batch of the hold
 * path. Each hold gets what is free up to its quantity, in order; what is missing is looked for
 * elsewhere. Answers how many slots each hold got: which slots they are matters only when a
 * hold is sold.
 */
public final class TakeBatch extends CountingProcessor {
  private int[] quantities;
  private long expiresAt;

  public TakeBatch() {}

  /** Hold {@code i} asks {@code quantities[i]} slots (see {@link HoldsProcessor}). */
  public TakeBatch(int[] sections, long[] his, long[] los, int[] quantities, long expiresAt,
      long now) {
    super(sections, his, los, now);
    this.quantities = quantities;
    this.expiresAt = expiresAt;
  }

  @Override
  int apply(GaShard shard, int i) {
    return shard.take(his[i], los[i], quantities[i], expiresAt, now, true).length;
  }

  @Override
  public int getClassId() {
    return CoreSerialization.TAKE_BATCH;
  }

  @Override
  public void writeData(ObjectDataOutput out) throws IOException {
    super.writeData(out);
    out.writeIntArray(quantities);
    out.writeLong(expiresAt);
  }

  @Override
  public void readData(ObjectDataInput in) throws IOException {
    super.readData(in);
    quantities = in.readIntArray();
    expiresAt = in.readLong();
  }
}
