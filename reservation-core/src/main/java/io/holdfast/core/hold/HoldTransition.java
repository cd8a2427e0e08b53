package io.holdfast.core.hold;

import io.holdfast.contracts.hold.HoldKey;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import io.holdfast.core.grid.CoreSerialization;
import java.io.IOException;

/**
 * Moves a hold to {@code to} when its status is one of {@code from}, settling its buyer's
 * allowance in the same step; answers the record as it is afterwards (null when unknown), so
 * the caller sees whether its move won. Confirming may also record the slots actually sold, and
 * checks the allowance in the same step (see {@link HoldBook#transition}): a hold that no
 * longer counts in it is forfeited instead when it would take the holder past
 * {@code maxPerBuyer}.
 */
public final class HoldTransition extends BookProcessor<HoldRecord> {
  private long hi;
  private long lo;
  private String[] from;
  private String to;
  private int[][] slots;
  /** When confirming: the event's maxPerBuyer (below 0: unknown), and the time. */
  private int maxPerBuyer;
  private long now;

  public HoldTransition() {}

  public HoldTransition(HoldKey key, String to, int[][] slots, String... from) {
    this.hi = key.hi();
    this.lo = key.lo();
    this.from = from;
    this.to = to;
    this.slots = slots;
  }

  /** Sells a hold within its holder's allowance (see {@link HoldBook#transition}). */
  public static HoldTransition confirm(HoldKey key, int[][] slots, int maxPerBuyer, long now,
      String... from) {
    HoldTransition t = new HoldTransition(key, HoldRecord.CONFIRMED, slots, from);
    t.maxPerBuyer = maxPerBuyer;
    t.now = now;
    return t;
  }

  @Override
  HoldRecord apply(HoldBook book) {
    return book.transition(new HoldKey(hi, lo), to, slots, from, maxPerBuyer, now);
  }

  @Override
  public int getClassId() {
    return CoreSerialization.HOLD_TRANSITION;
  }

  @Override
  public void writeData(ObjectDataOutput out) throws IOException {
    out.writeLong(hi);
    out.writeLong(lo);
    out.writeStringArray(from);
    out.writeString(to);
    out.writeInt(maxPerBuyer);
    out.writeLong(now);
    out.writeInt(slots == null ? -1 : slots.length);
    if (slots != null) {
      for (int[] s : slots) {
        out.writeIntArray(s);
      }
    }
  }

  @Override
  public void readData(ObjectDataInput in) throws IOException {
    hi = in.readLong();
    lo = in.readLong();
    from = in.readStringArray();
    to = in.readString();
    maxPerBuyer = in.readInt();
    now = in.readLong();
    int n = in.readInt();
    if (n >= 0) {
      slots = new int[n][];
      for (int i = 0; i < n; i++) {
        slots[i] = in.readIntArray();
      }
    }
  }
}
