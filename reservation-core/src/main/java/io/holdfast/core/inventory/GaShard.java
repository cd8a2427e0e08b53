package io.holdfast.core.inventory;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.holdfast.core.grid.CoreSerialization;
import io.holdfast.core.grid.UuidMap;
import java.io.IOException;
import java.util.Arrays;
import java.util.BitSet;

/**
 * One shard of a general-admission section: {@code capacity} numbered slots, each free, held or
 * sold. Slots are what tickets are issued for, so PostgreSQL's unique (event, section, slot)
 * index can catch a double sale. Only entry processors touch it, on its partition thread, and
 * every method is deterministic in its arguments (Hazelcast re-runs them on the backup).
 *
 * <p>Compact on purpose: a bit per slot for "taken", an int per slot chaining the slots of one
 * hold, and one small entry per hold keyed by the hold's two longs. A 100,000-ticket section
 * costs about 0.5 MB plus some 60 bytes per hold.
 */
public final class GaShard implements IdentifiedDataSerializable {
  static final long SOLD = Long.MAX_VALUE;
  private static final int[] NONE = new int[0];

  private int capacity;
  /** Slots held or sold, lapsed holds included until a sweep frees them. */
  private int taken;
  private int sold;
  private int cursor;
  /** No held slot lapses before this (epoch millis): a sweep before it would find nothing. */
  private long earliestExpiry = Long.MAX_VALUE;
  private BitSet used = new BitSet();
  /** For each slot of a hold, the hold's next slot, or -1 after its last. */
  private int[] next = NONE;
  private UuidMap<Held> holds = new UuidMap<>();

  public GaShard() {}

  public GaShard(int capacity) {
    this.capacity = capacity;
    this.used = new BitSet(capacity);
    this.next = new int[capacity];
  }

  /** One hold's slots here: a chain from {@code first}; held until {@code until}, or sold. */
  static final class Held {
    int first;
    int count;
    long until;

    Held(int first, int count, long until) {
      this.first = first;
      this.count = count;
      this.until = until;
    }
  }

  public int capacity() {
    return capacity;
  }

  /**
   * Takes up to {@code quantity} free slots for a hold (fewer only when {@code partial}). Asked
   * again for a hold it has, it answers that hold's slots (a retried operation). Lapsed holds
   * are swept only when the free slots do not suffice: a lapsed hold is free.
   */
  public int[] take(long hi, long lo, int quantity, long expiresAt, long now, boolean partial) {
    Held existing = holds.get(hi, lo);
    if (existing != null) {
      return slotsOf(existing);
    }
    if (capacity - taken < quantity) {
      sweep(now);
    }
    int n = Math.min(quantity, capacity - taken);
    if (n <= 0 || (n < quantity && !partial)) {
      return NONE;
    }
    int[] slots = allocate(n);
    holds.put(hi, lo, new Held(slots[0], n, expiresAt));
    earliestExpiry = Math.min(earliestExpiry, expiresAt);
    return slots;
  }

  /** Frees the slots of a hold that is still held; a sold or unknown hold is left alone. */
  public int release(long hi, long lo) {
    Held h = holds.get(hi, lo);
    if (h == null || h.until == SOLD) {
      return 0;
    }
    holds.remove(hi, lo);
    free(h);
    return h.count;
  }

  /**
   * Sells a hold's slots. A hold that lapsed and was swept, or was released, is re-taken when
   * {@code quantity} slots are still free; otherwise null. Confirming twice answers the same
   * slots.
   */
  public int[] confirm(long hi, long lo, int quantity, long now) {
    Held h = holds.get(hi, lo);
    if (h == null) {
      if (capacity - taken < quantity) {
        sweep(now);
      }
      if (capacity - taken < quantity) {
        return null;
      }
      int[] slots = allocate(quantity);
      h = new Held(slots[0], quantity, SOLD);
      holds.put(hi, lo, h);
      sold += quantity;
      return slots;
    }
    if (h.until != SOLD) {
      h.until = SOLD;
      sold += h.count;
    }
    return slotsOf(h);
  }

  /** Returns a sold hold's slots to sale (a refund). */
  public int unsell(long hi, long lo) {
    Held h = holds.get(hi, lo);
    if (h == null || h.until != SOLD) {
      return 0;
    }
    holds.remove(hi, lo);
    sold -= h.count;
    free(h);
    return h.count;
  }

  /** {capacity, available, held, sold} as of {@code now}, lapsed holds counted as available. */
  public int[] counts(long now) {
    int live = taken - sold;
    if (now >= earliestExpiry) {
      int[] sum = {0};
      holds.forEach((hi, lo, h) -> {
        if (h.until != SOLD && h.until > now) {
          sum[0] += h.count;
        }
      });
      live = sum[0];
    }
    return new int[] {capacity, capacity - sold - live, live, sold};
  }

  /** Frees lapsed holds; a no-op, not a scan, until the earliest one is due. */
  private void sweep(long now) {
    if (now < earliestExpiry) {
      return;
    }
    holds.removeIf(h -> {
      if (h.until <= now) {
        free(h);
        return true;
      }
      return false;
    });
    long[] earliest = {Long.MAX_VALUE};
    holds.forEach((hi, lo, h) -> {
      if (h.until != SOLD) {
        earliest[0] = Math.min(earliest[0], h.until);
      }
    });
    earliestExpiry = earliest[0];
  }

  private int[] slotsOf(Held h) {
    int[] slots = new int[h.count];
    int slot = h.first;
    for (int i = 0; i < h.count; i++) {
      slots[i] = slot;
      slot = next[slot];
    }
    return slots;
  }

  /** Takes {@code n} free slots from the cursor on, chained in the order taken. */
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
      if (i > 0) {
        next[slots[i - 1]] = slot;
      }
      pos = slot + 1;
    }
    next[slots[n - 1]] = -1;
    cursor = pos >= capacity ? 0 : pos;
    taken += n;
    return slots;
  }

  private void free(Held h) {
    int slot = h.first;
    for (int i = 0; i < h.count; i++) {
      used.clear(slot);
      slot = next[slot];
    }
    taken -= h.count;
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
    out.writeIntArray(next);
    out.writeInt(holds.size());
    IOException[] failure = {null};
    holds.forEach((hi, lo, h) -> {
      try {
        out.writeLong(hi);
        out.writeLong(lo);
        out.writeInt(h.first);
        out.writeInt(h.count);
        out.writeLong(h.until);
      } catch (IOException e) {
        failure[0] = e;
      }
    });
    if (failure[0] != null) {
      throw failure[0];
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
    next = in.readIntArray();
    int n = in.readInt();
    holds = new UuidMap<>(n);
    for (int i = 0; i < n; i++) {
      long hi = in.readLong();
      long lo = in.readLong();
      holds.put(hi, lo, new Held(in.readInt(), in.readInt(), in.readLong()));
    }
  }

  @Override
  public String toString() {
    return "GaShard" + Arrays.toString(counts(0));
  }
}
