package io.holdfast.core.inventory;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import io.holdfast.core.grid.CoreSerialization;
import java.io.IOException;

/** Sells a hold's slots, re-taking them if the hold lapsed; null when they are gone. */
public final class ConfirmSlots extends ShardProcessor<int[]> {
  private int quantity;

  public ConfirmSlots() {}

  public ConfirmSlots(int section, long hi, long lo, int quantity, long now) {
    super(section, hi, lo, now);
    this.quantity = quantity;
  }

  @Override
  int[] apply(GaShard shard) {
    return shard.confirm(hi, lo, quantity, now);
  }

  @Override
  public int getClassId() {
    return CoreSerialization.CONFIRM_SLOTS;
  }

  @Override
  public void writeData(ObjectDataOutput out) throws IOException {
    super.writeData(out);
    out.writeInt(quantity);
  }

  @Override
  public void readData(ObjectDataInput in) throws IOException {
    super.readData(in);
    quantity = in.readInt();
  }
}
