package io.holdfast.contracts.core;

/** General admission (counted tickets) or reserved seating (named seats). */
public enum SectionKind implements WireName {
  GENERAL,
  RESERVED;

  public static SectionKind of(String wire) {
    return WireName.parse(values(), wire);
  }
}
