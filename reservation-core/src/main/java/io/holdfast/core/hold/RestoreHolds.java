package io.holdfast.core.hold;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import io.holdfast.core.grid.CoreSerialization;
import java.io.IOException;
import java.util.List;

/** Puts sold holds back in their book after the whole grid restarted (see the catalog). */
public final class RestoreHolds extends BookProcessor<Boolean> {
  private HoldRecord[] records;

  public RestoreHolds() {}

  public RestoreHolds(HoldRecord[] records) {
    this.records = records;
  }

  @Override
  Boolean apply(HoldBook book) {
    for (HoldRecord r : records) {
      book.restore(r.copy());
    }
    return Boolean.TRUE;
  }

  @Override
  boolean createsBook() {
    return true;
  }

  @Override
  public int getClassId() {
    return CoreSerialization.RESTORE_HOLDS;
  }

  @Override
  public void writeData(ObjectDataOutput out) throws IOException {
    HoldRecord.writeAll(out, List.of(records));
  }

  @Override
  public void readData(ObjectDataInput in) throws IOException {
    records = HoldRecord.readAll(in).toArray(HoldRecord[]::new);
  }
}
