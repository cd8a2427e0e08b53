package io.holdfast.contracts.core;

/** A status as it travels: each constant has one wire name, read back by {@link #parse}. */
public interface WireName {
  String wire();

  /** The constant named {@code wire}; an unknown name is a broken contract, not a default. */
  static <E extends Enum<E> & WireName> E parse(E[] values, String wire) {
    for (E e : values) {
      if (e.wire().equals(wire)) {
        return e;
      }
    }
    throw new IllegalArgumentException("unknown status " + wire);
  }
}
