package io.holdfast.core.grid;

import java.util.function.Predicate;

/**
 * A map from 128-bit identities (a hold's UUID as two longs) to values, with open addressing and
 * linear probing: no key objects, no boxing, no per-entry node. The grid keeps hundreds of
 * thousands of holds per event; a {@code HashMap<String, ...>} of them cost several times the
 * memory and hashed 36-character strings on every call. Not thread-safe: only a partition
 * thread touches it.
 */
public final class UuidMap<V> {
  private long[] hi;
  private long[] lo;
  private Object[] values;
  private int size;
  private int mask;

  public UuidMap() {
    this(16);
  }

  public UuidMap(int expected) {
    int capacity = Integer.highestOneBit(Math.max(8, expected * 2 - 1)) << 1;
    allocate(capacity);
  }

  private void allocate(int capacity) {
    hi = new long[capacity];
    lo = new long[capacity];
    values = new Object[capacity];
    mask = capacity - 1;
  }

  public int size() {
    return size;
  }

  public boolean isEmpty() {
    return size == 0;
  }

  @SuppressWarnings("unchecked")
  public V get(long h, long l) {
    for (int i = slot(h, l); values[i] != null; i = (i + 1) & mask) {
      if (hi[i] == h && lo[i] == l) {
        return (V) values[i];
      }
    }
    return null;
  }

  /** Puts {@code value} (never null) under the key; answers the value it replaced, if any. */
  @SuppressWarnings("unchecked")
  public V put(long h, long l, V value) {
    if (value == null) {
      throw new IllegalArgumentException("null value");
    }
    int i = slot(h, l);
    for (; values[i] != null; i = (i + 1) & mask) {
      if (hi[i] == h && lo[i] == l) {
        V old = (V) values[i];
        values[i] = value;
        return old;
      }
    }
    hi[i] = h;
    lo[i] = l;
    values[i] = value;
    if (++size * 4 > values.length * 3) {
      rehash(values.length * 2);
    }
    return null;
  }

  @SuppressWarnings("unchecked")
  public V remove(long h, long l) {
    for (int i = slot(h, l); values[i] != null; i = (i + 1) & mask) {
      if (hi[i] == h && lo[i] == l) {
        V old = (V) values[i];
        deleteAt(i);
        return old;
      }
    }
    return null;
  }

  /** Removes every entry whose value matches; answers how many went. */
  @SuppressWarnings("unchecked")
  public int removeIf(Predicate<V> test) {
    int removed = 0;
    for (int i = 0; i < values.length; ) {
      if (values[i] != null && test.test((V) values[i])) {
        deleteAt(i);
        removed++;
        // deleteAt may have moved a later entry into slot i: look at it again
      } else {
        i++;
      }
    }
    return removed;
  }

  /** Visits every entry; the visitor must not change the map. */
  @SuppressWarnings("unchecked")
  public void forEach(Visitor<V> visitor) {
    for (int i = 0; i < values.length; i++) {
      if (values[i] != null) {
        visitor.visit(hi[i], lo[i], (V) values[i]);
      }
    }
  }

  /** What {@link #forEach} hands each entry to. */
  @FunctionalInterface
  public interface Visitor<V> {
    void visit(long hi, long lo, V value);
  }

  /** Backward-shift deletion: keeps every probe chain unbroken without tombstones. */
  private void deleteAt(int i) {
    size--;
    int gap = i;
    for (int j = (gap + 1) & mask; values[j] != null; j = (j + 1) & mask) {
      int home = slot(hi[j], lo[j]);
      // Move j into the gap when its home does not lie cyclically in (gap, j].
      boolean stays = gap <= j ? (gap < home && home <= j) : (gap < home || home <= j);
      if (!stays) {
        hi[gap] = hi[j];
        lo[gap] = lo[j];
        values[gap] = values[j];
        gap = j;
      }
    }
    values[gap] = null;
    hi[gap] = 0;
    lo[gap] = 0;
  }

  private void rehash(int capacity) {
    long[] oldHi = hi;
    long[] oldLo = lo;
    Object[] oldValues = values;
    allocate(capacity);
    for (int i = 0; i < oldValues.length; i++) {
      if (oldValues[i] != null) {
        int j = slot(oldHi[i], oldLo[i]);
        while (values[j] != null) {
          j = (j + 1) & mask;
        }
        hi[j] = oldHi[i];
        lo[j] = oldLo[i];
        values[j] = oldValues[i];
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
