package io.holdfast.core.inventory;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.holdfast.core.grid.CoreSerialization;
import java.util.Map;

/**
 * Removes an inventory entry of an event whose inventory is evicted; answers whether there was
 * one. A processor rather than a remove, which would ship the whole shard back to the caller.
 */
public final class DropShard implements EntryProcessor<String, EventShard, Boolean>,
    IdentifiedDataSerializable {

  @Override
  public Boolean process(Map.Entry<String, EventShard> entry) {
    if (entry.getValue() == null) {
      return Boolean.FALSE;
    }
    entry.setValue(null);
    return Boolean.TRUE;
  }

  @Override
  public int getFactoryId() {
    return CoreSerialization.FACTORY_ID;
  }

  @Override
  public int getClassId() {
    return CoreSerialization.DROP_SHARD;
  }

  @Override
  public void writeData(ObjectDataOutput out) {
    // nothing to carry
  }

  @Override
  public void readData(ObjectDataInput in) {
    // nothing to carry
  }
}
