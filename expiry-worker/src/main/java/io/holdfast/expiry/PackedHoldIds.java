package io.holdfast.expiry;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The hold IDs of one record, kept as two longs each while they wait for their expiry: a drop
 * leaves hundreds of thousands of holds waiting, and as strings in a JSON array they cost five
 * times the memory.
 */
final class PackedHoldIds {
  private final long[] bits;

  private PackedHoldIds(long[] bits) {
    this.bits = bits;
  }

  /** Packs the IDs; a malformed one is an {@link IllegalArgumentException}. */
  static PackedHoldIds of(List<String> holdIds) {
    long[] bits = new long[holdIds.size() * 2];
    for (int i = 0; i < holdIds.size(); i++) {
      UUID uuid = UUID.fromString(holdIds.get(i));
      bits[2 * i] = uuid.getMostSignificantBits();
      bits[2 * i + 1] = uuid.getLeastSignificantBits();
    }
    return new PackedHoldIds(bits);
  }

  int size() {
    return bits.length / 2;
  }

  String get(int i) {
    return new UUID(bits[2 * i], bits[2 * i + 1]).toString();
  }

  List<String> list() {
    List<String> ids = new ArrayList<>(size());
    for (int i = 0; i < size(); i++) {
      ids.add(get(i));
    }
    return ids;
  }
}
