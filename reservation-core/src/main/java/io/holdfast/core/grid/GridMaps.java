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

  public static String buyerKey(String eventId, String buyerId) {
    return eventId + '/' + buyerId;
  }
}
