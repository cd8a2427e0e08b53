package io.holdfast.contracts;

/** How a section's capacity is spread over its shards: as evenly as possible, in order. */
public final class Sharding {
  /** The most inventory entries an event has, and so the most shards of one section. */
  public static final int MAX_ENTRIES = 32;

  private Sharding() {}

  public static int size(int capacity, int shards, int shard) {
    return capacity / shards + (shard < capacity % shards ? 1 : 0);
  }

  /** The section-wide number of a shard's first slot. */
  public static int base(int capacity, int shards, int shard) {
    return shard * (capacity / shards) + Math.min(shard, capacity % shards);
  }

  /**
   * How many shards a general-admission section gets: about one per 25 tickets, at most 32, so
   * a hot section spreads over the partition threads while a shard still holds a few parties.
   */
  public static int shardsFor(int capacity) {
    return Math.max(1, Math.min(MAX_ENTRIES, capacity / 25));
  }
}
