package io.holdfast.core.inventory;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import io.holdfast.core.grid.CoreSerialization;
import java.io.IOException;

/** Sells a hold's slots, re-taking them if the hold lapsed; null when they are gone. */
public final class ConfirmSlots extends ShardProcessor<int[]> {
  private int quantity;
  /** A reserved hold's seats, which a lapsed hold re-takes or nothing; null for a GA hold. */
  private int[] seats;

  public ConfirmSlots() {}

  public ConfirmSlots(int section, long hi, long lo, int quantity, int[] seats, long now) {
    super(section, hi, lo, now);
    this.quantity = quantity;
    this.seats = seats;
  }

  @Override
  int[] apply(GaShard shard) {
    return seats != null && shard instanceof SeatShard seated
        ? seated.confirmSeats(hi, lo, seats, now) : shard.confirm(hi, lo, quantity, now);
  }

  @Override
  public int getClassId() {
    return CoreSerialization.CONFIRM_SLOTS;
  }

  @Override
  public void writeData(ObjectDataOutput out) throws IOException {
    super.writeData(out);
    out.writeInt(quantity);
    out.writeIntArray(seats);
  }

  @Override
  public void readData(ObjectDataInput in) throws IOException {
    super.readData(in);
    quantity = in.readInt();
    seats = in.readIntArray();
  }
}
