package io.holdfast.core.inventory;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.holdfast.core.grid.CoreSerialization;
import java.io.IOException;
import java.util.Map;

/**
 * An entry processor on one section's shard in an {@link EventShard}, run on the owning
 * partition thread and again on the backup. Everything it decides with (the section, the hold's
 * key, time) travels inside it.
 */
abstract class ShardProcessor<R> implements EntryProcessor<String, EventShard, R>,
    IdentifiedDataSerializable {
  protected int section;
  protected long hi;
  protected long lo;
  protected long now;

  ShardProcessor() {}

  ShardProcessor(int section, long hi, long lo, long now) {
    this.section = section;
    this.hi = hi;
    this.lo = lo;
    this.now = now;
  }

  @Override
  public final R process(Map.Entry<String, EventShard> entry) {
    EventShard shard = entry.getValue();
    if (shard == null) {
      return null;
    }
    R result = apply(shard);
    entry.setValue(shard);
    return result;
  }

  /** Works on the entry; by default on this processor's section's shard (null if none). */
  R apply(EventShard shard) {
    GaShard ga = shard.section(section);
    return ga == null ? null : apply(ga);
  }

  R apply(GaShard shard) {
    throw new UnsupportedOperationException();
  }

  @Override
  public int getFactoryId() {
    return CoreSerialization.FACTORY_ID;
  }

  @Override
  public void writeData(ObjectDataOutput out) throws IOException {
    out.writeInt(section);
    out.writeLong(hi);
    out.writeLong(lo);
    out.writeLong(now);
  }

  @Override
  public void readData(ObjectDataInput in) throws IOException {
    section = in.readInt();
    hi = in.readLong();
    lo = in.readLong();
    now = in.readLong();
  }
}
