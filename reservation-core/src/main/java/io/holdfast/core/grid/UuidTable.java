package io.holdfast.core.grid;

/**
 * Open addressing with linear probing over 128-bit keys (a hold's UUID as two longs): no key
 * objects, no boxing, no per-entry node. The grid keeps hundreds of thousands of holds per
 * event; a {@code HashMap<String, ...>} of them cost several times the memory and hashed a
 * 36-character string on every call. Subclasses keep the values in a column of their own,
 * moved in step with the keys. Not thread-safe: only a partition thread touches one.
 */
public abstract class UuidTable {
  private long[] hi;
  private long[] lo;
  private boolean[] used;
  private int size;
  private int mask;

  protected UuidTable(int expected) {
    int capacity = Integer.highestOneBit(Math.max(8, expected * 2 - 1)) << 1;
    hi = new long[capacity];
    lo = new long[capacity];
    used = new boolean[capacity];
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
    return used.length;
  }

  protected final boolean used(int i) {
    return used[i];
  }

  protected final long hiAt(int i) {
    return hi[i];
  }

  protected final long loAt(int i) {
    return lo[i];
  }

  /** The index of the key, or -1. */
  protected final int find(long h, long l) {
    for (int i = slot(h, l); used[i]; i = (i + 1) & mask) {
      if (hi[i] == h && lo[i] == l) {
        return i;
      }
    }
    return -1;
  }

  /**
   * The index of the key, adding it when absent ({@code added[0]} tells which); the caller
   * then sets its value. May grow the table, so indexes from before are stale.
   */
  protected final int findOrAdd(long h, long l, boolean[] added) {
    if ((size + 1) * 4 > used.length * 3) {
      rehash(used.length * 2);
    }
    int i = slot(h, l);
    for (; used[i]; i = (i + 1) & mask) {
      if (hi[i] == h && lo[i] == l) {
        added[0] = false;
        return i;
      }
    }
    hi[i] = h;
    lo[i] = l;
    used[i] = true;
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
    for (int j = (gap + 1) & mask; used[j]; j = (j + 1) & mask) {
      int home = slot(hi[j], lo[j]);
      // j may fill the gap when its home does not lie cyclically in (gap, j].
      boolean stays = gap <= j ? (gap < home && home <= j) : (gap < home || home <= j);
      if (!stays) {
        hi[gap] = hi[j];
        lo[gap] = lo[j];
        moveValue(j, gap);
        gap = j;
      }
    }
    used[gap] = false;
    hi[gap] = 0;
    lo[gap] = 0;
    clearValue(gap);
  }

  private void rehash(int capacity) {
    long[] oldHi = hi;
    long[] oldLo = lo;
    boolean[] oldUsed = used;
    hi = new long[capacity];
    lo = new long[capacity];
    used = new boolean[capacity];
    mask = capacity - 1;
    Object oldValues = swapValues(capacity);
    for (int i = 0; i < oldUsed.length; i++) {
      if (oldUsed[i]) {
        int j = slot(oldHi[i], oldLo[i]);
        while (used[j]) {
          j = (j + 1) & mask;
        }
        hi[j] = oldHi[i];
        lo[j] = oldLo[i];
        used[j] = true;
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
