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

  /** Reserves {@code quantity} for a hold; answers the tickets left after it, or -1 - left. */
  int reserve(String holdId, int quantity, int max, long expiresAt, long now) {
    if (active.containsKey(holdId) || confirmed.containsKey(holdId)) {
      return max - used(now);
    }
    int left = max - used(now);
    if (quantity > left) {
      return -1 - left;
    }
    active.put(holdId, new long[] {quantity, expiresAt});
    return left - quantity;
  }

  void release(String holdId) {
    active.remove(holdId);
  }

  void confirm(String holdId, int quantity) {
    active.remove(holdId);
    confirmed.putIfAbsent(holdId, quantity);
  }

  boolean isEmpty() {
    return active.isEmpty() && confirmed.isEmpty();
  }

  private int used(long now) {
    int used = 0;
    for (int q : confirmed.values()) {
      used += q;
    }
    Iterator<long[]> it = active.values().iterator();
    while (it.hasNext()) {
      long[] hold = it.next();
      if (hold[1] <= now) {
        it.remove();
      } else {
        used += (int) hold[0];
      }
    }
    return used;
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
      active.put(in.readString(), new long[] {in.readLong(), in.readLong()});
    }
    int m = in.readInt();
    for (int i = 0; i < m; i++) {
      confirmed.put(in.readString(), in.readInt());
    }
  }
}
