package io.holdfast.core.hold;

import io.holdfast.contracts.hold.HoldKey;

import com.hazelcast.core.ReadOnly;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import io.holdfast.core.grid.CoreSerialization;
import java.io.IOException;

/** Reads one hold out of its book, as a copy; null when the book has no such hold. */
public final class ReadHold extends BookProcessor<HoldRecord> implements ReadOnly {
  private long hi;
  private long lo;

  public ReadHold() {}

  public ReadHold(HoldKey key) {
    this.hi = key.hi();
    this.lo = key.lo();
  }

  @Override
  HoldRecord apply(HoldBook book) {
    HoldRecord record = book.hold(new HoldKey(hi, lo));
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
    out.writeLong(hi);
    out.writeLong(lo);
  }

  @Override
  public void readData(ObjectDataInput in) throws IOException {
    hi = in.readLong();
    lo = in.readLong();
  }
}
