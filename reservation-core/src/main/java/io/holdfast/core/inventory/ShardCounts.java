package io.holdfast.core.inventory;

import com.hazelcast.core.ReadOnly;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.holdfast.core.grid.CoreSerialization;
import java.io.IOException;
import java.util.Map;

/** Reads the counts of an inventory entry without changing it (no backup run). */
public final class ShardCounts implements EntryProcessor<String, EventShard, int[]>, ReadOnly,
    IdentifiedDataSerializable {
  private long now;

  public ShardCounts() {}

  public ShardCounts(long now) {
    this.now = now;
  }

  /** {capacity, available, held, sold} of each section's shard here, four ints a section. */
  @Override
  public int[] process(Map.Entry<String, EventShard> entry) {
    EventShard shard = entry.getValue();
    if (shard == null) {
      return null;
    }
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
  public EntryProcessor<String, EventShard, int[]> getBackupProcessor() {
    return null;
  }

  @Override
  public int getFactoryId() {
    return CoreSerialization.FACTORY_ID;
  }

  @Override
  public int getClassId() {
    return CoreSerialization.SHARD_COUNTS;
  }

  @Override
  public void writeData(ObjectDataOutput out) throws IOException {
    out.writeLong(now);
  }

  @Override
  public void readData(ObjectDataInput in) throws IOException {
    now = in.readLong();
  }
}
