package io.holdfast.core.inventory;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import io.holdfast.core.grid.CoreSerialization;
import java.io.IOException;

/**
 * Frees the slots of many holds in one inventory entry (hold {@code i} of section
 * {@code sections[i]}), unless they were sold; answers how many each freed.
 */
public final class ReleaseBatch extends ShardProcessor<int[]> {
  private int[] sections;
  private long[] his;
  private long[] los;

  public ReleaseBatch() {}

  public ReleaseBatch(int[] sections, long[] his, long[] los) {
    super(-1, 0, 0, 0);
    this.sections = sections;
    this.his = his;
    this.los = los;
  }

  @Override
  int[] apply(EventShard shard) {
    int[] freed = new int[his.length];
    for (int i = 0; i < his.length; i++) {
      GaShard ga = shard.section(sections[i]);
      freed[i] = ga == null ? 0 : ga.release(his[i], los[i]);
    }
    return freed;
  }

  @Override
  public int getClassId() {
    return CoreSerialization.RELEASE_BATCH;
  }

  @Override
  public void writeData(ObjectDataOutput out) throws IOException {
    super.writeData(out);
    out.writeIntArray(sections);
    out.writeLongArray(his);
    out.writeLongArray(los);
  }

  @Override
  public void readData(ObjectDataInput in) throws IOException {
    super.readData(in);
    sections = in.readIntArray();
    his = in.readLongArray();
    los = in.readLongArray();
  }
}
