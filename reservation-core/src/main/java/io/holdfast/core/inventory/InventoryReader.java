package io.holdfast.core.inventory;

import com.hazelcast.core.ReadOnly;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.holdfast.core.grid.CoreSerialization;
import java.io.IOException;
import java.util.Map;

/**
 * Reads an inventory entry as of {@code now} without changing it: read-only, so Hazelcast
 * neither locks the entry for long nor runs it on the backup.
 */
abstract class InventoryReader<R> implements EntryProcessor<String, EventShard, R>, ReadOnly,
    IdentifiedDataSerializable {
  protected long now;

  InventoryReader() {}

  InventoryReader(long now) {
    this.now = now;
  }

  @Override
  public final R process(Map.Entry<String, EventShard> entry) {
    EventShard shard = entry.getValue();
    return shard == null ? null : read(shard);
  }

  abstract R read(EventShard shard);

  @Override
  public EntryProcessor<String, EventShard, R> getBackupProcessor() {
    return null;
  }

  @Override
  public int getFactoryId() {
    return CoreSerialization.FACTORY_ID;
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
