package io.holdfast.core.grid;

import java.util.function.LongPredicate;

/** A {@link UuidTable} of longs: no object at all per entry. */
public final class UuidLongMap extends UuidTable {
  private long[] values;
  private final boolean[] added = new boolean[1];

  public UuidLongMap() {
    this(16);
  }

  public UuidLongMap(int expected) {
    super(expected);
    values = new long[capacity()];
  }

  /** The value under the key, or {@code absent}. */
  public long get(long h, long l, long absent) {
    int i = find(h, l);
    return i < 0 ? absent : values[i];
  }

  public void put(long h, long l, long value) {
    int i = findOrAdd(h, l, added);
    values[i] = value;
  }

  public void remove(long h, long l) {
    int i = find(h, l);
    if (i >= 0) {
      removeAt(i);
    }
  }

  /** Removes every entry whose value matches. */
  public void removeIf(LongPredicate test) {
    for (int i = 0; i < capacity(); ) {
      if (used(i) && test.test(values[i])) {
        removeAt(i);
        // a later entry may have moved into slot i: look at it again
      } else {
        i++;
      }
    }
  }

  /** Visits every entry; the visitor must not change the map. */
  public void forEach(Visitor visitor) {
    for (int i = 0; i < capacity(); i++) {
      if (used(i)) {
        visitor.visit(hiAt(i), loAt(i), values[i]);
      }
    }
  }

  /** What {@link #forEach} hands each entry to. */
  @FunctionalInterface
  public interface Visitor {
    void visit(long hi, long lo, long value);
  }

  @Override
  protected Object swapValues(int capacity) {
    long[] old = values;
    values = new long[capacity];
    return old;
  }

  @Override
  protected void transferValue(Object old, int from, int to) {
    values[to] = ((long[]) old)[from];
  }

  @Override
  protected void moveValue(int from, int to) {
    values[to] = values[from];
  }

  @Override
  protected void clearValue(int i) {
    values[i] = 0;
  }
}
