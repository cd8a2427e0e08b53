package io.holdfast.core.inventory;

import com.hazelcast.core.ReadOnly;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.holdfast.core.grid.CoreSerialization;
import java.io.IOException;
import java.util.Map;

/** Reads {capacity, available, held, sold} of a shard without changing it (no backup run). */
public final class ShardCounts implements EntryProcessor<String, GaShard, int[]>, ReadOnly,
    IdentifiedDataSerializable {
  private long now;

  public ShardCounts() {}

  public ShardCounts(long now) {
    this.now = now;
  }

  @Override
  public int[] process(Map.Entry<String, GaShard> entry) {
    GaShard shard = entry.getValue();
    return shard == null ? null : shard.counts(now);
  }

  @Override
  public EntryProcessor<String, GaShard, int[]> getBackupProcessor() {
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
