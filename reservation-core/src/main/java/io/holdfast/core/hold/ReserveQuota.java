package io.holdfast.core.hold;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.holdfast.core.grid.CoreSerialization;
import java.io.IOException;
import java.util.Map;

/** Reserves part of a buyer's allowance for a hold: tickets left after it, or -1 - left. */
public final class ReserveQuota implements EntryProcessor<String, BuyerQuota, Integer>,
    IdentifiedDataSerializable {
  private String holdId;
  private int quantity;
  private int max;
  private long expiresAt;
  private long now;

  public ReserveQuota() {}

  public ReserveQuota(String holdId, int quantity, int max, long expiresAt, long now) {
    this.holdId = holdId;
    this.quantity = quantity;
    this.max = max;
    this.expiresAt = expiresAt;
    this.now = now;
  }

  @Override
  public Integer process(Map.Entry<String, BuyerQuota> entry) {
    BuyerQuota quota = entry.getValue() == null ? new BuyerQuota() : entry.getValue();
    int result = quota.reserve(holdId, quantity, max, expiresAt, now);
    entry.setValue(quota);
    return result;
  }

  @Override
  public int getFactoryId() {
    return CoreSerialization.FACTORY_ID;
  }

  @Override
  public int getClassId() {
    return CoreSerialization.RESERVE_QUOTA;
  }

  @Override
  public void writeData(ObjectDataOutput out) throws IOException {
    out.writeString(holdId);
    out.writeInt(quantity);
    out.writeInt(max);
    out.writeLong(expiresAt);
    out.writeLong(now);
  }

  @Override
  public void readData(ObjectDataInput in) throws IOException {
    holdId = in.readString();
    quantity = in.readInt();
    max = in.readInt();
    expiresAt = in.readLong();
    now = in.readLong();
  }
}
