package io.holdfast.core.inventory;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.holdfast.core.grid.CoreSerialization;
import java.io.IOException;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * One shard of a general-admission section: {@code capacity} numbered slots, each free, held or
 * sold. Slots are what tickets are issued for, so PostgreSQL's unique (event, section, slot)
 * index can catch a double sale. Only entry processors touch it, on its partition thread, and
 * every method is deterministic in its arguments (Hazelcast re-runs them on the backup).
 */
public final class GaShard implements IdentifiedDataSerializable {
  private int capacity;
  private int taken;
  private int sold;
  private int cursor;
  /** No held slot lapses before this (epoch millis): a sweep before it would find nothing. */
  private long earliestExpiry = Long.MAX_VALUE;
  private BitSet used = new BitSet();
  private Map<String, Held> held = new HashMap<>();
  private Map<String, int[]> soldTo = new HashMap<>();

  public GaShard() {}

  public GaShard(int capacity) {
    this.capacity = capacity;
    this.used = new BitSet(capacity);
  }

  /** Slots held by one hold until {@code expiresAt} (epoch millis). */
  record Held(int[] slots, long expiresAt) {}

  public int capacity() {
    return capacity;
  }

  /**
   * Takes up to {@code quantity} free slots for a hold (fewer only when {@code partial}).
   * Lapsed holds are swept only when the free slots do not suffice: a lapsed hold is free.
   */
  public int[] take(String holdId, int quantity, long expiresAt, long now, boolean partial) {
    Held existing = held.get(holdId);
    if (existing != null) {
      return existing.slots();
    }
    if (capacity - taken < quantity) {
      sweep(now);
    }
    int n = Math.min(quantity, capacity - taken);
    if (n <= 0 || (n < quantity && !partial)) {
      return new int[0];
    }
    int[] slots = allocate(n);
    held.put(holdId, new Held(slots, expiresAt));
    earliestExpiry = Math.min(earliestExpiry, expiresAt);
    return slots;
  }

  /** Frees the slots of a hold that is still held; a sold or unknown hold is left alone. */
  public int release(String holdId) {
    Held h = held.remove(holdId);
    if (h == null) {
      return 0;
    }
    free(h.slots());
    return h.slots().length;
  }

  /**
   * Sells a hold's slots. A hold that lapsed or was released is re-taken when {@code quantity}
   * slots are still free; otherwise null. Confirming twice answers the same slots.
   */
  public int[] confirm(String holdId, int quantity, long now) {
    int[] done = soldTo.get(holdId);
    if (done != null) {
      return done;
    }
    Held h = held.remove(holdId);
    int[] slots;
    if (h != null) {
      slots = h.slots();
    } else {
      if (capacity - taken < quantity) {
        sweep(now);
      }
      if (capacity - taken < quantity) {
        return null;
      }
      slots = allocate(quantity);
    }
    soldTo.put(holdId, slots);
    sold += slots.length;
    return slots;
  }

  /** Returns a sold hold's slots to sale (a refund). */
  public int unsell(String holdId) {
    int[] slots = soldTo.remove(holdId);
    if (slots == null) {
      return 0;
    }
    sold -= slots.length;
    free(slots);
    return slots.length;
  }

  /** {capacity, available, held, sold} as of {@code now}, lapsed holds counted as available. */
  public int[] counts(long now) {
    int live = taken - sold;
    if (now >= earliestExpiry) {
      live = 0;
      for (Held h : held.values()) {
        if (h.expiresAt() > now) {
          live += h.slots().length;
        }
      }
    }
    return new int[] {capacity, capacity - sold - live, live, sold};
  }

  /** Frees lapsed holds; a no-op, not a scan, until the earliest one is due. */
  private void sweep(long now) {
    if (now < earliestExpiry) {
      return;
    }
    long earliest = Long.MAX_VALUE;
    Iterator<Held> it = held.values().iterator();
    while (it.hasNext()) {
      Held h = it.next();
      if (h.expiresAt() <= now) {
        free(h.slots());
        it.remove();
      } else {
        earliest = Math.min(earliest, h.expiresAt());
      }
    }
    earliestExpiry = earliest;
  }

  private int[] allocate(int n) {
    int[] slots = new int[n];
    int pos = cursor;
    for (int i = 0; i < n; i++) {
      int slot = used.nextClearBit(pos);
      if (slot >= capacity) {
        slot = used.nextClearBit(0);
      }
      used.set(slot);
      slots[i] = slot;
      pos = slot + 1;
    }
    cursor = pos >= capacity ? 0 : pos;
    taken += n;
    return slots;
  }

  private void free(int[] slots) {
    for (int slot : slots) {
      used.clear(slot);
    }
    taken -= slots.length;
  }

  @Override
  public int getFactoryId() {
    return CoreSerialization.FACTORY_ID;
  }

  @Override
  public int getClassId() {
    return CoreSerialization.GA_SHARD;
  }

  @Override
  public void writeData(ObjectDataOutput out) throws IOException {
    out.writeInt(capacity);
    out.writeInt(taken);
    out.writeInt(sold);
    out.writeInt(cursor);
    out.writeLong(earliestExpiry);
    out.writeLongArray(used.toLongArray());
    out.writeInt(held.size());
    for (Map.Entry<String, Held> e : held.entrySet()) {
      out.writeString(e.getKey());
      out.writeIntArray(e.getValue().slots());
      out.writeLong(e.getValue().expiresAt());
    }
    out.writeInt(soldTo.size());
    for (Map.Entry<String, int[]> e : soldTo.entrySet()) {
      out.writeString(e.getKey());
      out.writeIntArray(e.getValue());
    }
  }

  @Override
  public void readData(ObjectDataInput in) throws IOException {
    capacity = in.readInt();
    taken = in.readInt();
    sold = in.readInt();
    cursor = in.readInt();
    earliestExpiry = in.readLong();
    used = BitSet.valueOf(in.readLongArray());
    int heldCount = in.readInt();
    held = new HashMap<>(heldCount * 2);
    for (int i = 0; i < heldCount; i++) {
      held.put(in.readString(), new Held(in.readIntArray(), in.readLong()));
    }
    int soldCount = in.readInt();
    soldTo = new HashMap<>(soldCount * 2);
    for (int i = 0; i < soldCount; i++) {
      soldTo.put(in.readString(), in.readIntArray());
    }
  }
}
