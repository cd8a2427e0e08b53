package io.holdfast.core.hold;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.holdfast.core.grid.CoreSerialization;
import io.holdfast.core.grid.GridKey;
import java.io.IOException;
import java.util.Map;

/** Gives back the allowance reserved for holds that could not be taken (sold out). */
public final class ReleaseQuotas implements EntryProcessor<GridKey, BuyerQuota, Boolean>,
    IdentifiedDataSerializable {
  private String[] keys;
  private String[] holdIds;

  public ReleaseQuotas() {}

  public ReleaseQuotas(String[] keys, String[] holdIds) {
    this.keys = keys;
    this.holdIds = holdIds;
  }

  @Override
  public Boolean process(Map.Entry<GridKey, BuyerQuota> entry) {
    BuyerQuota quota = entry.getValue();
    if (quota == null) {
      return Boolean.FALSE;
    }
    for (int i = 0; i < keys.length; i++) {
      if (keys[i].equals(entry.getKey().id())) {
        quota.release(holdIds[i]);
      }
    }
    entry.setValue(quota.isEmpty() ? null : quota);
    return Boolean.TRUE;
  }

  @Override
  public int getFactoryId() {
    return CoreSerialization.FACTORY_ID;
  }

  @Override
  public int getClassId() {
    return CoreSerialization.RELEASE_QUOTAS;
  }

  @Override
  public void writeData(ObjectDataOutput out) throws IOException {
    out.writeStringArray(keys);
    out.writeStringArray(holdIds);
  }

  @Override
  public void readData(ObjectDataInput in) throws IOException {
    keys = in.readStringArray();
    holdIds = in.readStringArray();
  }
}
