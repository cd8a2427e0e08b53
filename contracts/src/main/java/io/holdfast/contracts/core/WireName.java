package io.holdfast.contracts.core;

import java.util.Locale;

/**
 * A status as it travels: a constant's wire name is its own name in lower case with dashes
 * ({@code NOT_DUE} is {@code not-due}), read back by {@link #parse}.
 */
public interface WireName {
  String name();

  default String wire() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

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
