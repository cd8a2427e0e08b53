package io.holdfast.core.inventory;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import java.io.IOException;

/**
 * An entry processor on many holds of one inventory entry at once: hold {@code i} is the key
 * ({@code his[i]}, {@code los[i]}) in section {@code sections[i]}. Subclasses say what each
 * hold does and what the batch answers.
 */
abstract class HoldsProcessor<R> extends ShardProcessor<R> {
  protected int[] sections;
  protected long[] his;
  protected long[] los;

  HoldsProcessor() {}

  HoldsProcessor(int[] sections, long[] his, long[] los, long now) {
    super(-1, 0, 0, now);
    this.sections = sections;
    this.his = his;
    this.los = los;
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
