package io.holdfast.contracts.core;

/** General admission (counted tickets) or reserved seating (named seats). */
public enum SectionKind implements WireName {
  GENERAL("general"),
  RESERVED("reserved");

  private final String wire;

  SectionKind(String wire) {
    this.wire = wire;
  }

  @Override
  public String wire() {
    return wire;
  }

  public static SectionKind of(String wire) {
    return WireName.parse(values(), wire);
  }
}
