package io.holdfast.core.hold;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import io.holdfast.core.grid.CoreSerialization;
import java.io.IOException;
import java.util.List;

/**
 * Places a batch of holds, whose slots are already taken, in their book: each is recorded if
 * its buyer's allowance has room and its holder is under its cap of active holds. Answers per
 * hold what {@link HoldBook#place} answers.
 */
public final class PlaceHolds extends BookProcessor<int[]> {
  private HoldRecord[] records;
  /** Per hold, its holder's cap of active holds (0: none). */
  private int[] caps;
  private int max;
  private long now;

  public PlaceHolds() {}

  public PlaceHolds(HoldRecord[] records, int[] caps, int max, long now) {
    this.records = records;
    this.caps = caps;
    this.max = max;
    this.now = now;
  }

  @Override
  int[] apply(HoldBook book) {
    int[] results = new int[records.length];
    for (int i = 0; i < records.length; i++) {
      // The stored record is the book's own; the caller keeps its copy.
      results[i] = book.place(records[i].copy(), max, caps[i], now);
    }
    return results;
  }

  @Override
  boolean createsBook() {
    return true;
  }

  @Override
  public int getClassId() {
    return CoreSerialization.PLACE_HOLDS;
  }

  @Override
  public void writeData(ObjectDataOutput out) throws IOException {
    out.writeInt(max);
    out.writeLong(now);
    out.writeIntArray(caps);
    HoldRecord.writeAll(out, List.of(records));
  }

  @Override
  public void readData(ObjectDataInput in) throws IOException {
    max = in.readInt();
    now = in.readLong();
    caps = in.readIntArray();
    records = HoldRecord.readAll(in).toArray(HoldRecord[]::new);
  }
}
