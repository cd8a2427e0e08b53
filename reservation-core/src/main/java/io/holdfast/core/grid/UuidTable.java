package io.holdfast.core.grid;

/**
 * Open addressing with linear probing over 128-bit keys (a hold's UUID as two longs): no key
 * objects, no boxing, no per-entry node. The grid keeps hundreds of thousands of holds per
 * event; a {@code HashMap<String, ...>} of them cost several times the memory and hashed a
 * 36-character string on every call. A key's two halves sit side by side, so a probe reads one
 * cache line; a low half of 0 marks a free slot, so keys must have a non-zero low half (hold
 * keys carry the UUID variant bits). Subclasses keep the values in a column of their own, moved
 * in step with the keys. Not thread-safe: only a partition thread touches one.
 */
public abstract class UuidTable {
  private long[] keys;
  private int size;
  private int mask;

  protected UuidTable(int expected) {
    int capacity = Integer.highestOneBit(Math.max(8, expected * 2 - 1)) << 1;
    keys = new long[2 * capacity];
    mask = capacity - 1;
  }

  /** Makes a value column of {@code capacity} and answers the old one. */
  protected abstract Object swapValues(int capacity);

  /** Copies a value from the old column (see {@link #swapValues}) into this one. */
  protected abstract void transferValue(Object old, int from, int to);

  protected abstract void moveValue(int from, int to);

  protected abstract void clearValue(int i);

  public final int size() {
    return size;
  }

  public final boolean isEmpty() {
    return size == 0;
  }

  protected final int capacity() {
    return mask + 1;
  }

  protected final boolean used(int i) {
    return keys[2 * i + 1] != 0;
  }

  protected final long hiAt(int i) {
    return keys[2 * i];
  }

  protected final long loAt(int i) {
    return keys[2 * i + 1];
  }

  /** The index of the key, or -1. */
  protected final int find(long h, long l) {
    for (int i = slot(h, l); keys[2 * i + 1] != 0; i = (i + 1) & mask) {
      if (keys[2 * i + 1] == l && keys[2 * i] == h) {
        return i;
      }
    }
    return -1;
  }

  /**
   * The index of the key, adding it when absent ({@code added[0]} tells which): one probe for
   * the lookup and the insert. The caller then sets its value. May grow the table, so indexes
   * from before are stale.
   */
  protected final int findOrAdd(long h, long l, boolean[] added) {
    if (l == 0) {
      throw new IllegalArgumentException("a key's low half must not be 0");
    }
    if ((size + 1) * 4 > capacity() * 3) {
      rehash(capacity() * 2);
    }
    int i = slot(h, l);
    for (; keys[2 * i + 1] != 0; i = (i + 1) & mask) {
      if (keys[2 * i + 1] == l && keys[2 * i] == h) {
        added[0] = false;
        return i;
      }
    }
    keys[2 * i] = h;
    keys[2 * i + 1] = l;
    size++;
    added[0] = true;
    return i;
  }

  /**
   * Removes the entry at {@code i} by shifting later entries of its probe chain back, so no
   * chain is broken and no tombstone is left. Entries after {@code i} may move, even into
   * {@code i}.
   */
  protected final void removeAt(int i) {
    size--;
    int gap = i;
    for (int j = (gap + 1) & mask; keys[2 * j + 1] != 0; j = (j + 1) & mask) {
      int home = slot(keys[2 * j], keys[2 * j + 1]);
      // j may fill the gap when its home does not lie cyclically in (gap, j].
      boolean stays = gap <= j ? (gap < home && home <= j) : (gap < home || home <= j);
      if (!stays) {
        keys[2 * gap] = keys[2 * j];
        keys[2 * gap + 1] = keys[2 * j + 1];
        moveValue(j, gap);
        gap = j;
      }
    }
    keys[2 * gap] = 0;
    keys[2 * gap + 1] = 0;
    clearValue(gap);
  }

  private void rehash(int capacity) {
    long[] old = keys;
    keys = new long[2 * capacity];
    mask = capacity - 1;
    Object oldValues = swapValues(capacity);
    for (int i = 0; i < old.length / 2; i++) {
      if (old[2 * i + 1] != 0) {
        int j = slot(old[2 * i], old[2 * i + 1]);
        while (keys[2 * j + 1] != 0) {
          j = (j + 1) & mask;
        }
        keys[2 * j] = old[2 * i];
        keys[2 * j + 1] = old[2 * i + 1];
        transferValue(oldValues, i, j);
      }
    }
  }

  private int slot(long h, long l) {
    long x = h * 0x9E3779B97F4A7C15L ^ l;
    x ^= x >>> 33;
    x *= 0xFF51AFD7ED558CCDL;
    x ^= x >>> 33;
    return (int) x & mask;
  }
}
