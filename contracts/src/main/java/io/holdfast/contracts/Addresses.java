package io.holdfast.contracts;

/**
 * Event-bus addresses served by the reservation core. Requests and replies are JSON objects,
 * except on the hold path, which uses its own compact messages.
 */
public final class Addresses {
  private Addresses() {}

  /**
   * Load a published event's inventory into the grid. The body is the event itself:
   * {@code {id, currency, salesStartAt, salesEndAt, maxPerBuyer, holdSeconds,
   * sections: [{id, kind, priceCents, capacity, shards}]}}.
   */
  public static final String LOAD_EVENT = "holdfast.core.load-event";
  /** Published (to every core verticle) when an event was loaded again: forget copies of it. */
  public static final String EVENT_CHANGED = "holdfast.core.event-changed";
  /**
   * Published (to every core verticle) when a load with {@code rebuild: true} put back what the
   * grid had lost of an event: {@code {eventId, startedAt}} (epoch ms the load began). Members
   * that closed the event after a lost partition reopen it, unless they lost more since.
   */
  public static final String EVENT_REBUILT = "holdfast.core.event-rebuilt";
  /**
   * Served by the edge's inventory rebuild (not the core): a member that lost partitions asks
   * it to rebuild events from PostgreSQL. {@code {eventIds: [...], unknown}}: the events to
   * rebuild, and whether to rebuild as well every event on sale the grid no longer knows (its
   * record itself was lost). Answers {@code {rebuilt}} once all of it is done.
   */
  public static final String REBUILD_EVENTS = "holdfast.edge.rebuild-events";
  /**
   * Take holds: a {@link io.holdfast.contracts.hold.HoldBatch} in, its
   * {@link io.holdfast.contracts.hold.HoldBatch.Outcomes} out (use
   * {@link io.holdfast.contracts.hold.CoreClient}); the core names the holds.
   */
  public static final String HOLD_BATCH = "holdfast.core.hold-batch";
  /** Read one hold: {@code {holdId}} → the hold, or 404. */
  public static final String GET_HOLD = "holdfast.core.get-hold";
  /** Release a hold at the holder's request: {@code {holdId, buyerId}}. */
  public static final String RELEASE = "holdfast.core.release";
  /**
   * Release holds whose time ran out: {@code {holdId}} or {@code {holdIds[]}}; answers
   * {@code {status, retryInMillis?}}, "not-due" when any of them is early.
   */
  public static final String EXPIRE = "holdfast.core.expire";
  /** Turn a paid hold into sold slots: {@code {holdId}} → {@code {status, slots[]}}. */
  public static final String CONFIRM = "holdfast.core.confirm";
  /**
   * A sold hold was refunded: {@code {holdId}} → {@code {status, returned?}}. The hold becomes
   * refunded and its slots (seats) go back on sale; "refunded" with how many slots this call
   * returned (0 on a repeat), or the status of a hold that was not sold, left alone; 404 when
   * unknown.
   */
  public static final String REFUND = "holdfast.core.refund";
  /** Free the seats of a hold whose payment failed: {@code {holdId}}. */
  public static final String ABANDON = "holdfast.core.abandon";
  /** Readiness: answers {@code {members}}, the size of the grid cluster. */
  public static final String PING = "holdfast.core.ping";
  /**
   * Live counts of an event: {@code {eventId, seats?}} → {@code {capacity, available, held,
   * sold, sections: [...]}}, with each reserved section's seat map unless {@code seats} is false.
   */
  public static final String AVAILABILITY = "holdfast.core.availability";
}
