package io.holdfast.core.hold;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.holdfast.core.grid.CoreSerialization;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@link ExpireHolds} did in one book: the holds it expired (their slots are still to be
 * freed), and how long until the earliest of the others that is not due yet (0 when none).
 */
public final class ExpiredHolds implements IdentifiedDataSerializable {
  private List<HoldRecord> expired = new ArrayList<>();
  private long retryInMillis;

  public List<HoldRecord> expired() {
    return expired;
  }

  public long retryInMillis() {
    return retryInMillis;
  }

  void expired(HoldRecord record) {
    expired.add(record);
  }

  void notDueFor(long millis) {
    retryInMillis = retryInMillis == 0 ? millis : Math.min(retryInMillis, millis);
  }

  @Override
  public int getFactoryId() {
    return CoreSerialization.FACTORY_ID;
  }

  @Override
  public int getClassId() {
    return CoreSerialization.EXPIRED_HOLDS;
  }

  @Override
  public void writeData(ObjectDataOutput out) throws IOException {
    out.writeLong(retryInMillis);
    HoldRecord.writeAll(out, expired);
  }

  @Override
  public void readData(ObjectDataInput in) throws IOException {
    retryInMillis = in.readLong();
    expired = HoldRecord.readAll(in);
  }
}
