package io.holdfast.core.inventory;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.holdfast.core.grid.CoreSerialization;
import io.holdfast.core.grid.UuidLongMap;
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
 * hold, and one long per hold (first slot, count, expiry) keyed by the hold's two longs, with
 * no object per hold. A 100,000-ticket section costs about 0.4 MB plus some 45 bytes per hold.
 */
public class GaShard implements IdentifiedDataSerializable {
  /** Slots per shard, at most: a hold's first slot takes 24 bits of its packed entry. */
  public static final int MAX_CAPACITY = (1 << 24) - 1;
  static final long ABSENT = -1;
  /** The expiry of a sold hold: never. */
  static final long SOLD = 0xFFFFFFFFL;
  /** Expiries are whole seconds since this epoch second (2020-01-01), rounded up. */
  static final long EPOCH_SECOND = 1_577_836_800L;
  static final int[] NONE = new int[0];

  int capacity;
  /** Slots held or sold, lapsed holds included until a sweep frees them. */
  int taken;
  int sold;
  int cursor;
  /** No held slot lapses before this (epoch millis): a sweep before it would find nothing. */
  long earliestExpiry = Long.MAX_VALUE;
  BitSet used = new BitSet();
  /** For each slot of a hold, the hold's next slot, or -1 after its last. */
  int[] next = NONE;
  /** Hold key → first slot (24 bits), slot count (8 bits), expiry second or SOLD (32 bits). */
  UuidLongMap holds = new UuidLongMap();

  public GaShard() {}

  public GaShard(int capacity) {
    if (capacity < 0 || capacity > MAX_CAPACITY) {
      throw new IllegalArgumentException("a shard holds at most " + MAX_CAPACITY + " slots");
    }
    this.capacity = capacity;
    this.used = new BitSet(capacity);
    this.next = new int[capacity];
  }

  static long pack(int first, int count, long until) {
    return ((long) first << 40) | ((long) count << 32) | until;
  }

  static int first(long held) {
    return (int) (held >>> 40);
  }

  static int count(long held) {
    return (int) ((held >>> 32) & 0xFF);
  }

  static long until(long held) {
    return held & 0xFFFFFFFFL;
  }

  /** An expiry in whole seconds, rounded up: a hold never lapses early here. */
  static long toSeconds(long epochMillis) {
    return Math.max(0, Math.min(SOLD - 1, (epochMillis + 999) / 1000 - EPOCH_SECOND));
  }

  static long toMillis(long seconds) {
    return (seconds + EPOCH_SECOND) * 1000;
  }

  static boolean lapsed(long held, long now) {
    long until = until(held);
    return until != SOLD && toMillis(until) <= now;
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
    long existing = holds.get(hi, lo, ABSENT);
    if (existing != ABSENT) {
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
    long until = toSeconds(expiresAt);
    holds.put(hi, lo, pack(slots[0], n, until));
    earliestExpiry = Math.min(earliestExpiry, toMillis(until));
    return slots;
  }

  /** Frees the slots of a hold that is still held; a sold or unknown hold is left alone. */
  public int release(long hi, long lo) {
    long h = holds.get(hi, lo, ABSENT);
    if (h == ABSENT || until(h) == SOLD) {
      return 0;
    }
    holds.remove(hi, lo);
    free(h);
    return count(h);
  }

  /**
   * Sells a hold's slots. A hold that lapsed and was swept, or was released, is re-taken when
   * {@code quantity} slots are still free; otherwise null. Confirming twice answers the same
   * slots.
   */
  public int[] confirm(long hi, long lo, int quantity, long now) {
    long h = holds.get(hi, lo, ABSENT);
    if (h == ABSENT) {
      if (capacity - taken < quantity) {
        sweep(now);
      }
      if (capacity - taken < quantity) {
        return null;
      }
      int[] slots = allocate(quantity);
      holds.put(hi, lo, pack(slots[0], quantity, SOLD));
      sold += quantity;
      return slots;
    }
    if (until(h) != SOLD) {
      holds.put(hi, lo, pack(first(h), count(h), SOLD));
      sold += count(h);
    }
    return slotsOf(h);
  }

  /** Returns a sold hold's slots to sale (a refund). */
  public int unsell(long hi, long lo) {
    long h = holds.get(hi, lo, ABSENT);
    if (h == ABSENT || until(h) != SOLD) {
      return 0;
    }
    holds.remove(hi, lo);
    sold -= count(h);
    free(h);
    return count(h);
  }

  /** {capacity, available, held, sold} as of {@code now}, lapsed holds counted as available. */
  public int[] counts(long now) {
    int live = taken - sold;
    if (now >= earliestExpiry) {
      int[] sum = {0};
      holds.forEach((hi, lo, h) -> {
        if (until(h) != SOLD && !lapsed(h, now)) {
          sum[0] += count(h);
        }
      });
      live = sum[0];
    }
    return new int[] {capacity, capacity - sold - live, live, sold};
  }

  /**
   * Marks a hold's slots sold as PostgreSQL has them (a rebuild after the whole grid
   * restarted). A hold the shard knows already, or a slot already taken, is left alone.
   */
  public void restoreSold(long hi, long lo, int[] slots) {
    if (holds.get(hi, lo, ABSENT) != ABSENT || slots.length == 0) {
      return;
    }
    for (int slot : slots) {
      if (slot < 0 || slot >= capacity || used.get(slot)) {
        return;
      }
    }
    claim(slots);
    holds.put(hi, lo, pack(slots[0], slots.length, SOLD));
    sold += slots.length;
  }

  /** Marks the given slots taken and chains them, in the order given. */
  void claim(int[] slots) {
    for (int i = 0; i < slots.length; i++) {
      used.set(slots[i]);
      next[slots[i]] = i + 1 < slots.length ? slots[i + 1] : -1;
    }
    taken += slots.length;
  }

  /** Frees lapsed holds; a no-op, not a scan, until the earliest one is due. */
  void sweep(long now) {
    if (now < earliestExpiry) {
      return;
    }
    holds.removeIf(h -> {
      if (lapsed(h, now)) {
        free(h);
        return true;
      }
      return false;
    });
    long[] earliest = {Long.MAX_VALUE};
    holds.forEach((hi, lo, h) -> {
      if (until(h) != SOLD) {
        earliest[0] = Math.min(earliest[0], toMillis(until(h)));
      }
    });
    earliestExpiry = earliest[0];
  }

  int[] slotsOf(long h) {
    int[] slots = new int[count(h)];
    int slot = first(h);
    for (int i = 0; i < slots.length; i++) {
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

  void free(long h) {
    int slot = first(h);
    for (int i = 0; i < count(h); i++) {
      used.clear(slot);
      slot = next[slot];
    }
    taken -= count(h);
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
        out.writeLong(h);
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
    holds = new UuidLongMap(n);
    for (int i = 0; i < n; i++) {
      holds.put(in.readLong(), in.readLong(), in.readLong());
    }
  }

  @Override
  public String toString() {
    return "GaShard" + Arrays.toString(counts(0));
  }
}
