package io.holdfast.core.inventory;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import io.holdfast.core.grid.CoreSerialization;
import java.io.IOException;

/**
 * Takes slots for many holds in one visit to a shard: the micro-batch of the hold path. Each
 * hold gets what is free up to its quantity, in order; what is missing is looked for elsewhere.
 * Answers how many slots each hold got: which slots they are matters only when a hold is sold.
 */
public final class TakeBatch extends ShardProcessor<int[]> {
  private int[] sections;
  private long[] his;
  private long[] los;
  private int[] quantities;
  private long expiresAt;

  public TakeBatch() {}

  /**
   * Hold {@code i} is the key ({@code his[i]}, {@code los[i]}) asking {@code quantities[i]} of
   * section {@code sections[i]}.
   */
  public TakeBatch(int[] sections, long[] his, long[] los, int[] quantities, long expiresAt,
      long now) {
    super(-1, 0, 0, now);
    this.sections = sections;
    this.his = his;
    this.los = los;
    this.quantities = quantities;
    this.expiresAt = expiresAt;
  }

  @Override
  int[] apply(EventShard shard) {
    int[] taken = new int[his.length];
    for (int i = 0; i < his.length; i++) {
      GaShard ga = shard.section(sections[i]);
      taken[i] = ga == null ? 0
          : ga.take(his[i], los[i], quantities[i], expiresAt, now, true).length;
    }
    return taken;
  }

  @Override
  public int getClassId() {
    return CoreSerialization.TAKE_BATCH;
  }

  @Override
  public void writeData(ObjectDataOutput out) throws IOException {
    super.writeData(out);
    out.writeIntArray(sections);
    out.writeLongArray(his);
    out.writeLongArray(los);
    out.writeIntArray(quantities);
    out.writeLong(expiresAt);
  }

  @Override
  public void readData(ObjectDataInput in) throws IOException {
    super.readData(in);
    sections = in.readIntArray();
    his = in.readLongArray();
    los = in.readLongArray();
    quantities = in.readIntArray();
    expiresAt = in.readLong();
  }
}
