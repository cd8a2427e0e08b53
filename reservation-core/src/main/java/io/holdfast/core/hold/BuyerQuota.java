package io.holdfast.core.hold;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * What one buyer has of one event: active holds (key, quantity, expiry) and confirmed tickets.
 * It lives in the buyer's {@link HoldBook}, changed only by entry processors, so parallel
 * requests of one buyer are serialized on one partition and can never pass {@code maxPerBuyer}.
 * A buyer has a handful of holds, so plain arrays searched in order beat any map.
 */
final class BuyerQuota {
  private long[] his = new long[2];
  private long[] los = new long[2];
  private int[] quantities = new int[2];
  /** Expiry of an active hold (epoch millis), or {@link #CONFIRMED}. */
  private long[] until = new long[2];
  private int count;
  /** Running totals, so a reservation does not add the arrays up each time. */
  private int activeTotal;
  private int confirmedTotal;

  private static final long CONFIRMED = Long.MAX_VALUE;

  /**
   * Reserves {@code quantity} for a hold; answers the tickets left after it, or -1 - left.
   * Lapsed holds stop counting; they are swept only when the allowance looks spent.
   */
  int reserve(long hi, long lo, int quantity, int max, long expiresAt, long now) {
    if (indexOf(hi, lo) >= 0) {
      return max - activeTotal - confirmedTotal;
    }
    if (activeTotal + confirmedTotal + quantity > max) {
      sweep(now);
    }
    int left = max - activeTotal - confirmedTotal;
    if (quantity > left) {
      return -1 - left;
    }
    add(hi, lo, quantity, expiresAt);
    activeTotal += quantity;
    return left - quantity;
  }

  void release(long hi, long lo) {
    int i = indexOf(hi, lo);
    if (i >= 0 && until[i] != CONFIRMED) {
      activeTotal -= quantities[i];
      removeAt(i);
    }
  }

  void confirm(long hi, long lo, int quantity) {
    int i = indexOf(hi, lo);
    if (i >= 0 && until[i] == CONFIRMED) {
      return;
    }
    if (i >= 0) {
      activeTotal -= quantities[i];
      removeAt(i);
    }
    add(hi, lo, quantity, CONFIRMED);
    confirmedTotal += quantity;
  }

  boolean isEmpty() {
    return count == 0;
  }

  private void sweep(long now) {
    for (int i = count - 1; i >= 0; i--) {
      if (until[i] <= now) {
        activeTotal -= quantities[i];
        removeAt(i);
      }
    }
  }

  private int indexOf(long hi, long lo) {
    for (int i = 0; i < count; i++) {
      if (his[i] == hi && los[i] == lo) {
        return i;
      }
    }
    return -1;
  }

  private void add(long hi, long lo, int quantity, long expiresAt) {
    if (count == his.length) {
      int n = count * 2;
      his = Arrays.copyOf(his, n);
      los = Arrays.copyOf(los, n);
      quantities = Arrays.copyOf(quantities, n);
      until = Arrays.copyOf(until, n);
    }
    his[count] = hi;
    los[count] = lo;
    quantities[count] = quantity;
    until[count] = expiresAt;
    count++;
  }

  /** Moves the last entry into {@code i}: order does not matter. */
  private void removeAt(int i) {
    count--;
    his[i] = his[count];
    los[i] = los[count];
    quantities[i] = quantities[count];
    until[i] = until[count];
  }

  void writeData(ObjectDataOutput out) throws IOException {
    out.writeInt(count);
    for (int i = 0; i < count; i++) {
      out.writeLong(his[i]);
      out.writeLong(los[i]);
      out.writeInt(quantities[i]);
      out.writeLong(until[i]);
    }
  }

  void readData(ObjectDataInput in) throws IOException {
    int n = in.readInt();
    for (int i = 0; i < n; i++) {
      long hi = in.readLong();
      long lo = in.readLong();
      int quantity = in.readInt();
      long expiresAt = in.readLong();
      add(hi, lo, quantity, expiresAt);
      if (expiresAt == CONFIRMED) {
        confirmedTotal += quantity;
      } else {
        activeTotal += quantity;
      }
    }
  }
}
