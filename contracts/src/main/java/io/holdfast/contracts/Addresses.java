package io.holdfast.contracts;

/**
 * Event-bus addresses served by the reservation core. Each carries one request record of
 * {@code io.holdfast.contracts.core} (sent with {@link io.holdfast.contracts.core.CoreBus},
 * encoded by {@link io.holdfast.contracts.core.CoreCodecs}) and answers its reply record; the
 * hold path uses its own compact messages ({@link io.holdfast.contracts.hold.HoldCodecs}).
 */
public final class Addresses {
  private Addresses() {}

  /** Load a published event's inventory into the grid: {@code LoadEvent} → {@code Loaded}. */
  public static final String LOAD_EVENT = "holdfast.core.load-event";
  /** Published (to every core verticle) when an event was loaded again: its ID, forget copies. */
  public static final String EVENT_CHANGED = "holdfast.core.event-changed";
  /**
   * Published (to every core verticle) when a rebuild put back what the grid had lost of an
   * event ({@code EventRebuilt}). Members that closed the event after a lost partition reopen
   * it, unless they lost more since.
   */
  public static final String EVENT_REBUILT = "holdfast.core.event-rebuilt";
  /**
   * A process's shared-data map (local to the JVM) where the inventory rebuild says, under
   * {@link #INVENTORY_STATE}, whether it is {@link #RESTORING} or ready; readiness reads it.
   */
  public static final String STATE_MAP = "holdfast.edge.state";
  public static final String INVENTORY_STATE = "inventory";
  public static final String RESTORING = "restoring";
  /**
   * Served by a member's inventory rebuild (InventoryRestoreVerticle): a member that lost partitions asks
   * it to rebuild events from PostgreSQL, {@code RebuildEvents} → {@code Rebuilt} once all of
   * it is done.
   */
  public static final String REBUILD_EVENTS = "holdfast.edge.rebuild-events";
  /**
   * Take holds: a {@link io.holdfast.contracts.hold.HoldBatch} in, its
   * {@link io.holdfast.contracts.hold.HoldBatch.Outcomes} out (use
   * {@link io.holdfast.contracts.hold.CoreClient}); the core names the holds.
   */
  public static final String HOLD_BATCH = "holdfast.core.hold-batch";
  /** Read one hold: {@code GetHold} → {@code HoldView}, or 404. */
  public static final String GET_HOLD = "holdfast.core.get-hold";
  /** Release a hold at the holder's request: {@code Release} → {@code HoldChanged}. */
  public static final String RELEASE = "holdfast.core.release";
  /** Release holds whose time ran out: {@code Expire} → {@code Expired} (maybe not due). */
  public static final String EXPIRE = "holdfast.core.expire";
  /** Turn a paid hold into sold tickets: {@code Confirm} → {@code Confirmation}. */
  public static final String CONFIRM = "holdfast.core.confirm";
  /** A sold hold was refunded, its seats back on sale: {@code Refund} → {@code RefundResult}. */
  public static final String REFUND = "holdfast.core.refund";
  /** Free the seats of a hold whose payment failed: {@code Abandon} → {@code HoldChanged}. */
  public static final String ABANDON = "holdfast.core.abandon";
  /** Readiness: {@code Ping} → {@code Pong}, the size of the grid cluster. */
  public static final String PING = "holdfast.core.ping";
  /** Live counts of an event: {@code AvailabilityRequest} → {@code Availability}. */
  public static final String AVAILABILITY = "holdfast.core.availability";
}
