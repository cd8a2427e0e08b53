package io.holdfast.core.inventory;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.holdfast.core.grid.CoreSerialization;
import java.io.IOException;
import java.util.Map;

/**
 * An entry processor on one inventory shard, run on the owning partition thread and again on
 * the backup. Everything it decides with (the hold's key, time) travels inside it.
 */
abstract class ShardProcessor<R> implements EntryProcessor<String, GaShard, R>,
    IdentifiedDataSerializable {
  protected long hi;
  protected long lo;
  protected long now;

  ShardProcessor() {}

  ShardProcessor(long hi, long lo, long now) {
    this.hi = hi;
    this.lo = lo;
    this.now = now;
  }

  @Override
  public final R process(Map.Entry<String, GaShard> entry) {
    GaShard shard = entry.getValue();
    if (shard == null) {
      return null;
    }
    R result = apply(shard);
    entry.setValue(shard);
    return result;
  }

  abstract R apply(GaShard shard);

  @Override
  public int getFactoryId() {
    return CoreSerialization.FACTORY_ID;
  }

  @Override
  public void writeData(ObjectDataOutput out) throws IOException {
    out.writeLong(hi);
    out.writeLong(lo);
    out.writeLong(now);
  }

  @Override
  public void readData(ObjectDataInput in) throws IOException {
    hi = in.readLong();
    lo = in.readLong();
    now = in.readLong();
  }
}
