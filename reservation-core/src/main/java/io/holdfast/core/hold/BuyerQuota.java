package io.holdfast.core.hold;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * What one buyer has of one event: active holds (key, quantity, expiry) and confirmed tickets.
 * It lives in the buyer's {@link HoldBook}, changed only by entry processors, so parallel
 * requests of one buyer are serialized on one partition and can never pass {@code maxPerBuyer}.
 *
 * <p>A buyer has a handful of holds, so they sit in one array searched in order, three longs a
 * hold: the key's two halves, then quantity (high 16 bits) and expiry in epoch milliseconds
 * (low 48 bits), or {@link #CONFIRMED}. Most buyers of a drop hold once; this costs them some
 * 70 bytes instead of several small arrays.
 */
final class BuyerQuota {
  private static final long CONFIRMED = (1L << 48) - 1;
  private static final long UNTIL = (1L << 48) - 1;
  private long[] holds = new long[3];
  private int count;
  /** Running totals, so a reservation does not add the holds up each time. */
  private int activeTotal;
  private int confirmedTotal;
  /** Active holds (not tickets): what the cap on a holder's active holds counts. */
  private int activeHolds;

  /** What {@link #reserve} answers when the holder is at its cap of active holds. */
  static final int OVER_CAP = Integer.MIN_VALUE;

  private static long pack(int quantity, long until) {
    return ((long) quantity << 48) | Math.min(until, UNTIL);
  }

  private int quantity(int i) {
    return (int) (holds[3 * i + 2] >>> 48);
  }

  private long until(int i) {
    return holds[3 * i + 2] & UNTIL;
  }

  /** The tickets left of {@code max}. */
  int left(int max) {
    return max - activeTotal - confirmedTotal;
  }

  /**
   * Reserves {@code quantity} for a hold this allowance does not have yet (its book knows);
   * answers the tickets left after it, or -1 - left, or {@link #OVER_CAP} when the holder
   * already has {@code cap} active holds (0: no cap). Lapsed holds stop counting; they are
   * swept only when the allowance looks spent.
   */
  int reserve(long hi, long lo, int quantity, int max, int cap, long expiresAt, long now) {
    boolean capped = cap > 0;
    if (activeTotal + confirmedTotal + quantity > max || (capped && activeHolds >= cap)) {
      sweep(now);
    }
    int left = max - activeTotal - confirmedTotal;
    if (quantity > left) {
      return -1 - left;
    }
    if (capped && activeHolds >= cap) {
      return OVER_CAP;
    }
    add(hi, lo, pack(quantity, Math.min(expiresAt, CONFIRMED - 1)));
    activeTotal += quantity;
    activeHolds++;
    return left - quantity;
  }

  /** When the first of the active holds lapses (epoch ms); {@code now} if there is none. */
  long firstLapse(long now) {
    long first = Long.MAX_VALUE;
    for (int i = 0; i < count; i++) {
      if (until(i) != CONFIRMED) {
        first = Math.min(first, until(i));
      }
    }
    return first == Long.MAX_VALUE ? now : first;
  }

  /**
   * Whether a paid hold may be sold: it still counts here (active, even if lapsed but not swept
   * yet), or it does not (released, or lapsed and swept) and {@code quantity} more tickets fit
   * within {@code max} beside the holder's active holds and tickets. A {@code max} below 0
   * (unknown) admits only a hold that still counts.
   */
  boolean admits(long hi, long lo, int quantity, int max, long now) {
    if (indexOf(hi, lo) >= 0) {
      return true;
    }
    if (max < 0) {
      return false;
    }
    if (activeTotal + confirmedTotal + quantity > max) {
      sweep(now);
    }
    return activeTotal + confirmedTotal + quantity <= max;
  }

  void release(long hi, long lo) {
    int i = indexOf(hi, lo);
    if (i >= 0 && until(i) != CONFIRMED) {
      activeTotal -= quantity(i);
      activeHolds--;
      removeAt(i);
    }
  }

  /** A confirmed hold was refunded: its tickets stop counting. */
  void refund(long hi, long lo) {
    int i = indexOf(hi, lo);
    if (i >= 0 && until(i) == CONFIRMED) {
      confirmedTotal -= quantity(i);
      removeAt(i);
    }
  }

  void confirm(long hi, long lo, int quantity) {
    int i = indexOf(hi, lo);
    if (i >= 0 && until(i) == CONFIRMED) {
      return;
    }
    if (i >= 0) {
      activeTotal -= quantity(i);
      activeHolds--;
      removeAt(i);
    }
    add(hi, lo, pack(quantity, CONFIRMED));
    confirmedTotal += quantity;
  }

  boolean isEmpty() {
    return count == 0;
  }

  private void sweep(long now) {
    for (int i = count - 1; i >= 0; i--) {
      if (until(i) != CONFIRMED && until(i) <= now) {
        activeTotal -= quantity(i);
        activeHolds--;
        removeAt(i);
      }
    }
  }

  private int indexOf(long hi, long lo) {
    for (int i = 0; i < count; i++) {
      if (holds[3 * i] == hi && holds[3 * i + 1] == lo) {
        return i;
      }
    }
    return -1;
  }

  private void add(long hi, long lo, long packed) {
    if (3 * count == holds.length) {
      holds = Arrays.copyOf(holds, holds.length * 2);
    }
    holds[3 * count] = hi;
    holds[3 * count + 1] = lo;
    holds[3 * count + 2] = packed;
    count++;
  }

  /** Moves the last hold into {@code i}: order does not matter. */
  private void removeAt(int i) {
    count--;
    System.arraycopy(holds, 3 * count, holds, 3 * i, 3);
  }

  void writeData(ObjectDataOutput out) throws IOException {
    out.writeInt(count);
    for (int i = 0; i < 3 * count; i++) {
      out.writeLong(holds[i]);
    }
  }

  void readData(ObjectDataInput in) throws IOException {
    int n = in.readInt();
    holds = new long[Math.max(3, 3 * n)];
    for (int i = 0; i < 3 * n; i++) {
      holds[i] = in.readLong();
    }
    count = n;
    for (int i = 0; i < count; i++) {
      if (until(i) == CONFIRMED) {
        confirmedTotal += quantity(i);
      } else {
        activeTotal += quantity(i);
        activeHolds++;
      }
    }
  }
}
