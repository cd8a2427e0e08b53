package io.holdfast.core.hold;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import java.io.IOException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * What one buyer has of one event: active holds (quantity and expiry) and confirmed tickets.
 * It lives in the buyer's {@link HoldBook}, changed only by entry processors, so parallel
 * requests of one buyer are serialized on one partition and can never pass {@code maxPerBuyer}.
 */
final class BuyerQuota {
  private final Map<String, long[]> active = new HashMap<>();
  private final Map<String, Integer> confirmed = new HashMap<>();
  /** Running totals of the two maps, so a reservation does not add them up each time. */
  private int activeTotal;
  private int confirmedTotal;

  /**
   * Reserves {@code quantity} for a hold; answers the tickets left after it, or -1 - left.
   * Lapsed holds stop counting; they are swept only when the allowance looks spent.
   */
  int reserve(String holdId, int quantity, int max, long expiresAt, long now) {
    if (active.containsKey(holdId) || confirmed.containsKey(holdId)) {
      return max - activeTotal - confirmedTotal;
    }
    if (activeTotal + confirmedTotal + quantity > max) {
      sweep(now);
    }
    int left = max - activeTotal - confirmedTotal;
    if (quantity > left) {
      return -1 - left;
    }
    active.put(holdId, new long[] {quantity, expiresAt});
    activeTotal += quantity;
    return left - quantity;
  }

  void release(String holdId) {
    long[] hold = active.remove(holdId);
    if (hold != null) {
      activeTotal -= (int) hold[0];
    }
  }

  void confirm(String holdId, int quantity) {
    release(holdId);
    if (confirmed.putIfAbsent(holdId, quantity) == null) {
      confirmedTotal += quantity;
    }
  }

  boolean isEmpty() {
    return active.isEmpty() && confirmed.isEmpty();
  }

  private void sweep(long now) {
    Iterator<long[]> it = active.values().iterator();
    while (it.hasNext()) {
      long[] hold = it.next();
      if (hold[1] <= now) {
        activeTotal -= (int) hold[0];
        it.remove();
      }
    }
  }

  void writeData(ObjectDataOutput out) throws IOException {
    out.writeInt(active.size());
    for (Map.Entry<String, long[]> e : active.entrySet()) {
      out.writeString(e.getKey());
      out.writeLong(e.getValue()[0]);
      out.writeLong(e.getValue()[1]);
    }
    out.writeInt(confirmed.size());
    for (Map.Entry<String, Integer> e : confirmed.entrySet()) {
      out.writeString(e.getKey());
      out.writeInt(e.getValue());
    }
  }

  void readData(ObjectDataInput in) throws IOException {
    int n = in.readInt();
    for (int i = 0; i < n; i++) {
      String holdId = in.readString();
      long[] hold = {in.readLong(), in.readLong()};
      active.put(holdId, hold);
      activeTotal += (int) hold[0];
    }
    int m = in.readInt();
    for (int i = 0; i < m; i++) {
      String holdId = in.readString();
      int quantity = in.readInt();
      confirmed.put(holdId, quantity);
      confirmedTotal += quantity;
    }
  }
}
