package io.holdfast.catalog;

import io.holdfast.support.db.Stored;

/** An event's status in {@code events.status}. */
public enum EventStatus implements Stored {
  /** Being set up by its organizer; not sold, not listed. */
  DRAFT,
  /** Published: the core sells it within its sales window. */
  ON_SALE,
  /** Published, with nothing left to sell (places may come back from refunds). */
  SOLD_OUT,
  /** Its end has passed. */
  ENDED,
  /** Called off: never sold again, its orders refunded. */
  CANCELLED;

  /** The statuses the core sells in: published and not over. */
  public static final String SELLING = Stored.sql(ON_SALE, SOLD_OUT);

  public static EventStatus of(String stored) {
    return Stored.parse(values(), stored);
  }

  /** Shown to anyone: published, whether still selling or over; never a draft or cancelled. */
  public boolean listed() {
    return selling() || this == ENDED;
  }

  /** True for {@link #ON_SALE} and {@link #SOLD_OUT}. */
  public boolean selling() {
    return this == ON_SALE || this == SOLD_OUT;
  }
}
