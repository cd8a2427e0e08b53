package io.holdfast.core.grid;

import java.util.function.Predicate;

/** A {@link UuidTable} of objects. */
public final class UuidMap<V> extends UuidTable {
  private Object[] values;
  private final boolean[] added = new boolean[1];

  public UuidMap() {
    this(16);
  }

  public UuidMap(int expected) {
    super(expected);
    values = new Object[capacity()];
  }

  @SuppressWarnings("unchecked")
  public V get(long h, long l) {
    int i = find(h, l);
    return i < 0 ? null : (V) values[i];
  }

  /** Puts {@code value} (never null) under the key; answers the value it replaced, if any. */
  @SuppressWarnings("unchecked")
  public V put(long h, long l, V value) {
    if (value == null) {
      throw new IllegalArgumentException("null value");
    }
    int i = findOrAdd(h, l, added);
    V old = added[0] ? null : (V) values[i];
    values[i] = value;
    return old;
  }

  @SuppressWarnings("unchecked")
  public V remove(long h, long l) {
    int i = find(h, l);
    if (i < 0) {
      return null;
    }
    V old = (V) values[i];
    removeAt(i);
    return old;
  }

  /** Removes every entry whose value matches; answers how many went. */
  @SuppressWarnings("unchecked")
  public int removeIf(Predicate<V> test) {
    int removed = 0;
    for (int i = 0; i < capacity(); ) {
      if (used(i) && test.test((V) values[i])) {
        removeAt(i);
        removed++;
        // a later entry may have moved into slot i: look at it again
      } else {
        i++;
      }
    }
    return removed;
  }

  /** Visits every entry; the visitor must not change the map. */
  @SuppressWarnings("unchecked")
  public void forEach(Visitor<V> visitor) {
    for (int i = 0; i < capacity(); i++) {
      if (used(i)) {
        visitor.visit(hiAt(i), loAt(i), (V) values[i]);
      }
    }
  }

  /** What {@link #forEach} hands each entry to. */
  @FunctionalInterface
  public interface Visitor<V> {
    void visit(long hi, long lo, V value);
  }

  @Override
  protected Object swapValues(int capacity) {
    Object[] old = values;
    values = new Object[capacity];
    return old;
  }

  @Override
  protected void transferValue(Object old, int from, int to) {
    values[to] = ((Object[]) old)[from];
  }

  @Override
  protected void moveValue(int from, int to) {
    values[to] = values[from];
  }

  @Override
  protected void clearValue(int i) {
    values[i] = null;
  }
}
