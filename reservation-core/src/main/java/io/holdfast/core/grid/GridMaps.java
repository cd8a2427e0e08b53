package io.holdfast.core.grid;

import io.holdfast.contracts.hold.HoldKey;

/** Names of the grid's maps and how their keys are formed. */
public final class GridMaps {
  private GridMaps() {}

  /** Inventory key → {@link io.holdfast.core.inventory.EventShard}. */
  public static final String INVENTORY = "inventory";
  /** Book key → {@link io.holdfast.core.hold.HoldBook}: hold records and buyers' allowances. */
  public static final String BOOKS_MAP = "holds";
  /** Event ID → {@link io.holdfast.core.event.EventInfo}, near-cached on every member. */
  public static final String EVENTS = "events";

  /**
   * The key of an event's k-th inventory entry, which holds shard k of each of its sections.
   * Plain string keys: they hash to different partitions per entry, so one hot event spreads
   * over every partition thread of the cluster.
   */
  public static String shardKey(String eventId, int shard) {
    return eventId + '/' + shard;
  }

  /** How many books of holds the grid keeps (see {@link HoldKey#BOOKS}). */
  public static final int BOOKS = HoldKey.BOOKS;

  public static String bookKey(int book) {
    return "book/" + book;
  }
}
