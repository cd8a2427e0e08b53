package io.holdfast.core.hold;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.holdfast.core.grid.CoreSerialization;
import io.holdfast.core.grid.GridKey;
import java.io.IOException;
import java.util.Arrays;
import java.util.Map;

/**
 * Moves a hold to {@code to} when its status is one of {@code from}; answers the record as it
 * is afterwards (null when unknown), so the caller sees whether its move won.
 * Confirming may also record the slots actually sold (a lapsed hold is re-taken elsewhere).
 */
public final class HoldTransition implements EntryProcessor<GridKey, HoldRecord, HoldRecord>,
    IdentifiedDataSerializable {
  private String[] from;
  private String to;
  private int[][] slots;

  public HoldTransition() {}

  public HoldTransition(String to, int[][] slots, String... from) {
    this.from = from;
    this.to = to;
    this.slots = slots;
  }

  @Override
  public HoldRecord process(Map.Entry<GridKey, HoldRecord> entry) {
    HoldRecord record = entry.getValue();
    if (record == null || !Arrays.asList(from).contains(record.status)) {
      return record == null ? null : record.copy();
    }
    record.status = to;
    if (slots != null) {
      record.slots = slots;
    }
    entry.setValue(record);
    return record.copy();
  }

  @Override
  public int getFactoryId() {
    return CoreSerialization.FACTORY_ID;
  }

  @Override
  public int getClassId() {
    return CoreSerialization.HOLD_TRANSITION;
  }

  @Override
  public void writeData(ObjectDataOutput out) throws IOException {
    out.writeStringArray(from);
    out.writeString(to);
    out.writeInt(slots == null ? -1 : slots.length);
    if (slots != null) {
      for (int[] s : slots) {
        out.writeIntArray(s);
      }
    }
  }

  @Override
  public void readData(ObjectDataInput in) throws IOException {
    from = in.readStringArray();
    to = in.readString();
    int n = in.readInt();
    if (n >= 0) {
      slots = new int[n][];
      for (int i = 0; i < n; i++) {
        slots[i] = in.readIntArray();
      }
    }
  }
}
