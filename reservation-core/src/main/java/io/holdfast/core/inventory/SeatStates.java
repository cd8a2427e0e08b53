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
 * Reads the seat map of the reserved sections in an inventory entry: per section a byte per
 * seat ('f', 'h', 's'; see {@link SeatShard#states}), null for sections not reserved here.
 */
public final class SeatStates implements EntryProcessor<String, EventShard, byte[][]>, ReadOnly,
    IdentifiedDataSerializable {
  private long now;

  public SeatStates() {}

  public SeatStates(long now) {
    this.now = now;
  }

  @Override
  public byte[][] process(Map.Entry<String, EventShard> entry) {
    EventShard shard = entry.getValue();
    if (shard == null) {
      return null;
    }
    byte[][] states = new byte[shard.sectionCount()][];
    for (int i = 0; i < states.length; i++) {
      if (shard.section(i) instanceof SeatShard seats) {
        states[i] = seats.states(now);
      }
    }
    return states;
  }

  @Override
  public EntryProcessor<String, EventShard, byte[][]> getBackupProcessor() {
    return null;
  }

  @Override
  public int getFactoryId() {
    return CoreSerialization.FACTORY_ID;
  }

  @Override
  public int getClassId() {
    return CoreSerialization.SEAT_STATES;
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
