package io.holdfast.core.inventory;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import io.holdfast.core.grid.CoreSerialization;
import java.io.IOException;

/**
 * Takes slots for many holds in one visit to a shard: the micro-batch of the hold path. Each
 * hold gets what is free up to its quantity, in order; what is missing is looked for elsewhere.
 * The answer is packed in one int array ({@link #slotsOf}): Hazelcast ships a flat array with
 * its own serializer but falls back to slow Java serialization for an array of arrays.
 */
public final class TakeBatch extends ShardProcessor<int[]> {
  private String[] holdIds;
  private int[] quantities;
  private long expiresAt;

  public TakeBatch() {}

  public TakeBatch(String[] holdIds, int[] quantities, long expiresAt, long now) {
    super(null, now);
    this.holdIds = holdIds;
    this.quantities = quantities;
    this.expiresAt = expiresAt;
  }

  @Override
  int[] apply(GaShard shard) {
    int[][] taken = new int[holdIds.length][];
    int size = 0;
    for (int i = 0; i < holdIds.length; i++) {
      taken[i] = shard.take(holdIds[i], quantities[i], expiresAt, now, true);
      size += 1 + taken[i].length;
    }
    int[] packed = new int[size];
    int at = 0;
    for (int[] slots : taken) {
      packed[at++] = slots.length;
      System.arraycopy(slots, 0, packed, at, slots.length);
      at += slots.length;
    }
    return packed;
  }

  /** Unpacks the answer: the slots taken for each hold, in the order they were asked. */
  public static int[][] slotsOf(int[] packed, int holds) {
    int[][] slots = new int[holds][];
    int at = 0;
    for (int i = 0; i < holds; i++) {
      if (packed == null) {
        slots[i] = new int[0];
        continue;
      }
      int n = packed[at++];
      slots[i] = java.util.Arrays.copyOfRange(packed, at, at + n);
      at += n;
    }
    return slots;
  }

  @Override
  public int getClassId() {
    return CoreSerialization.TAKE_BATCH;
  }

  @Override
  public void writeData(ObjectDataOutput out) throws IOException {
    super.writeData(out);
    out.writeStringArray(holdIds);
    out.writeIntArray(quantities);
    out.writeLong(expiresAt);
  }

  @Override
  public void readData(ObjectDataInput in) throws IOException {
    super.readData(in);
    holdIds = in.readStringArray();
    quantities = in.readIntArray();
    expiresAt = in.readLong();
  }
}
