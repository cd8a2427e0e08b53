package io.holdfast.core.grid;

/** Names of the grid's maps and how their keys are formed. */
public final class GridMaps {
  private GridMaps() {}

  /** Shard key → {@link io.holdfast.core.inventory.GaShard}. */
  public static final String INVENTORY = "inventory";
  /** Hold ID → {@link io.holdfast.core.hold.HoldRecord}. */
  public static final String HOLDS = "holds";
  /** Event ID + buyer → {@link io.holdfast.core.hold.BuyerQuota}. */
  public static final String BUYERS = "buyers";
  /** Event ID → {@link io.holdfast.core.event.EventInfo}, near-cached on every member. */
  public static final String EVENTS = "events";

  /**
   * Plain string keys: they hash to different partitions per shard, so one hot event spreads
   * over every partition thread of the cluster.
   */
  public static String shardKey(String eventId, String sectionId, int shard) {
    return eventId + '/' + sectionId + '/' + shard;
  }

  /**
   * A buyer's allowance for an event, in one of {@link #BUYER_BUCKETS} partitions per event, so
   * a batch of holds for one event reserves its buyers' allowances in a few partition
   * operations, not one per buyer.
   */
  public static GridKey buyerKey(String eventId, String buyerId) {
    return new GridKey(eventId + '/' + buyerId,
        eventId + '#' + (buyerId.hashCode() & (BUYER_BUCKETS - 1)));
  }

  /** A hold record, likewise spread over {@link #HOLD_BUCKETS} partitions for batched writes. */
  public static GridKey holdKey(String holdId) {
    return new GridKey(holdId, "h" + (holdId.hashCode() & (HOLD_BUCKETS - 1)));
  }

  public static final int BUYER_BUCKETS = 16;
  public static final int HOLD_BUCKETS = 32;
}
