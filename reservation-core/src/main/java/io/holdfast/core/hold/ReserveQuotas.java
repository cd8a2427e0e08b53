package io.holdfast.core.hold;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.holdfast.core.grid.CoreSerialization;
import io.holdfast.core.grid.GridKey;
import java.io.IOException;
import java.util.Map;

/**
 * Reserves buyers' allowances for a batch of holds of one event. Sent to the keys of one bucket;
 * each entry handles the holds whose key is its own, in order, and answers for each the tickets
 * left after it, or -1 - left when it would pass {@code max}.
 */
public final class ReserveQuotas implements EntryProcessor<GridKey, BuyerQuota, int[]>,
    IdentifiedDataSerializable {
  private String[] keys;
  private String[] holdIds;
  private int[] quantities;
  private int max;
  private long expiresAt;
  private long now;

  public ReserveQuotas() {}

  public ReserveQuotas(String[] keys, String[] holdIds, int[] quantities, int max,
      long expiresAt, long now) {
    this.keys = keys;
    this.holdIds = holdIds;
    this.quantities = quantities;
    this.max = max;
    this.expiresAt = expiresAt;
    this.now = now;
  }

  @Override
  public int[] process(Map.Entry<GridKey, BuyerQuota> entry) {
    BuyerQuota quota = entry.getValue() == null ? new BuyerQuota() : entry.getValue();
    String key = entry.getKey().id();
    int mine = 0;
    for (String k : keys) {
      mine += k.equals(key) ? 1 : 0;
    }
    int[] results = new int[mine];
    int n = 0;
    for (int i = 0; i < keys.length; i++) {
      if (keys[i].equals(key)) {
        results[n++] = quota.reserve(holdIds[i], quantities[i], max, expiresAt, now);
      }
    }
    entry.setValue(quota);
    return results;
  }

  @Override
  public int getFactoryId() {
    return CoreSerialization.FACTORY_ID;
  }

  @Override
  public int getClassId() {
    return CoreSerialization.RESERVE_QUOTAS;
  }

  @Override
  public void writeData(ObjectDataOutput out) throws IOException {
    out.writeStringArray(keys);
    out.writeStringArray(holdIds);
    out.writeIntArray(quantities);
    out.writeInt(max);
    out.writeLong(expiresAt);
    out.writeLong(now);
  }

  @Override
  public void readData(ObjectDataInput in) throws IOException {
    keys = in.readStringArray();
    holdIds = in.readStringArray();
    quantities = in.readIntArray();
    max = in.readInt();
    expiresAt = in.readLong();
    now = in.readLong();
  }
}
