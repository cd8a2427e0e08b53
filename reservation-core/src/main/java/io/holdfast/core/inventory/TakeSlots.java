package io.holdfast.core.inventory;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import io.holdfast.core.grid.CoreSerialization;
import java.io.IOException;

/** Takes slots for a hold: all {@code quantity}, or with {@code partial} as many as are free. */
public final class TakeSlots extends ShardProcessor<int[]> {
  private int quantity;
  private long expiresAt;
  private boolean partial;

  public TakeSlots() {}

  public TakeSlots(String holdId, int quantity, long expiresAt, long now, boolean partial) {
    super(holdId, now);
    this.quantity = quantity;
    this.expiresAt = expiresAt;
    this.partial = partial;
  }

  @Override
  int[] apply(GaShard shard) {
    return shard.take(holdId, quantity, expiresAt, now, partial);
  }

  @Override
  public int getClassId() {
    return CoreSerialization.TAKE_SLOTS;
  }

  @Override
  public void writeData(ObjectDataOutput out) throws IOException {
    super.writeData(out);
    out.writeInt(quantity);
    out.writeLong(expiresAt);
    out.writeBoolean(partial);
  }

  @Override
  public void readData(ObjectDataInput in) throws IOException {
    super.readData(in);
    quantity = in.readInt();
    expiresAt = in.readLong();
    partial = in.readBoolean();
  }
}
