package io.holdfast.core.hold;

import com.hazelcast.core.ReadOnly;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import io.holdfast.core.grid.CoreSerialization;
import java.io.IOException;

/** Reads one hold out of its book, as a copy; null when the book has no such hold. */
public final class ReadHold extends BookProcessor<HoldRecord> implements ReadOnly {
  private String holdId;

  public ReadHold() {}

  public ReadHold(String holdId) {
    this.holdId = holdId;
  }

  @Override
  HoldRecord apply(HoldBook book) {
    HoldRecord record = book.hold(holdId);
    return record == null ? null : record.copy();
  }

  @Override
  boolean changesBook() {
    return false;
  }

  @Override
  public EntryProcessor<String, HoldBook, HoldRecord> getBackupProcessor() {
    return null;
  }

  @Override
  public int getClassId() {
    return CoreSerialization.READ_HOLD;
  }

  @Override
  public void writeData(ObjectDataOutput out) throws IOException {
    out.writeString(holdId);
  }

  @Override
  public void readData(ObjectDataInput in) throws IOException {
    holdId = in.readString();
  }
}
