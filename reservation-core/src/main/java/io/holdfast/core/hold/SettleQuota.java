package io.holdfast.core.hold;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.holdfast.core.grid.CoreSerialization;
import io.holdfast.core.grid.GridKey;
import java.io.IOException;
import java.util.Map;

/** Settles a hold in its buyer's allowance: confirmed tickets keep counting, released do not. */
public final class SettleQuota implements EntryProcessor<GridKey, BuyerQuota, Boolean>,
    IdentifiedDataSerializable {
  private String holdId;
  private int confirmedQuantity;

  public SettleQuota() {}

  /** {@code confirmedQuantity} 0 releases the hold's share; more confirms that many tickets. */
  public SettleQuota(String holdId, int confirmedQuantity) {
    this.holdId = holdId;
    this.confirmedQuantity = confirmedQuantity;
  }

  @Override
  public Boolean process(Map.Entry<GridKey, BuyerQuota> entry) {
    BuyerQuota quota = entry.getValue();
    if (quota == null) {
      if (confirmedQuantity == 0) {
        return Boolean.FALSE;
      }
      quota = new BuyerQuota();
    }
    if (confirmedQuantity > 0) {
      quota.confirm(holdId, confirmedQuantity);
    } else {
      quota.release(holdId);
    }
    if (quota.isEmpty()) {
      entry.setValue(null);
    } else {
      entry.setValue(quota);
    }
    return Boolean.TRUE;
  }

  @Override
  public int getFactoryId() {
    return CoreSerialization.FACTORY_ID;
  }

  @Override
  public int getClassId() {
    return CoreSerialization.SETTLE_QUOTA;
  }

  @Override
  public void writeData(ObjectDataOutput out) throws IOException {
    out.writeString(holdId);
    out.writeInt(confirmedQuantity);
  }

  @Override
  public void readData(ObjectDataInput in) throws IOException {
    holdId = in.readString();
    confirmedQuantity = in.readInt();
  }
}
