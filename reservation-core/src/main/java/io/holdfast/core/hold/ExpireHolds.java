package io.holdfast.core.hold;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import io.holdfast.contracts.hold.HoldKey;
import io.holdfast.core.grid.CoreSerialization;
import java.io.IOException;

/**
 * Expires the due holds of a batch that live in one book, with their buyers' allowances, in one
 * operation: a drop's holds lapse by the thousand, and one operation each would cost more than
 * taking them did. Holds not active any more are left alone; holds not due are reported.
 */
public final class ExpireHolds extends BookProcessor<ExpiredHolds> {
  private static final String[] ACTIVE = {HoldRecord.ACTIVE};
  private long[] his;
  private long[] los;
  private long now;

  public ExpireHolds() {}

  public ExpireHolds(long[] his, long[] los, long now) {
    this.his = his;
    this.los = los;
    this.now = now;
  }

  @Override
  ExpiredHolds apply(HoldBook book) {
    ExpiredHolds result = new ExpiredHolds();
    for (int i = 0; i < his.length; i++) {
      HoldKey key = new HoldKey(his[i], los[i]);
      HoldRecord record = book.hold(key);
      if (record == null || !HoldRecord.ACTIVE.equals(record.status)) {
        continue;
      }
      if (record.expiresAt > now) {
        result.notDueFor(record.expiresAt - now);
      } else {
        result.expired(book.transition(key, HoldRecord.EXPIRED, null, ACTIVE));
      }
    }
    return result;
  }

  @Override
  public int getClassId() {
    return CoreSerialization.EXPIRE_HOLDS;
  }

  @Override
  public void writeData(ObjectDataOutput out) throws IOException {
    out.writeLongArray(his);
    out.writeLongArray(los);
    out.writeLong(now);
  }

  @Override
  public void readData(ObjectDataInput in) throws IOException {
    his = in.readLongArray();
    los = in.readLongArray();
    now = in.readLong();
  }
}
