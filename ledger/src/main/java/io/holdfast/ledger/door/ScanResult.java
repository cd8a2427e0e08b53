package io.holdfast.ledger.door;

import io.holdfast.support.db.Stored;

/**
 * What a scan at the door came to, in {@code scans.result}. Each refusal is stored as the slug of
 * the problem the door answers, so a recorded scan gives its answer again word for word.
 */
public enum ScanResult implements Stored {
  /** The first scan: the ticket is checked in now. */
  ADMITTED(200),
  /** Scanned again at a list that lets people back in: admitted again, the first scan kept. */
  REENTERED(200),
  /** Scanned before; the answer names the first scan's time and list. */
  ALREADY_CHECKED_IN(409),
  /** A code of an earlier version of the ticket: it was transferred or reissued since. */
  REVOKED(409),
  /** Its order was refunded or cancelled. */
  TICKET_VOID(409),
  /** A ticket of another event than the door's. */
  WRONG_EVENT(422),
  /** A ticket of a section the list does not admit. */
  WRONG_ENTRANCE(422),
  /** Scanned before the list opens. */
  NOT_VALID_YET(409),
  /** Scanned after the list closed. */
  LIST_CLOSED(409),
  /** The event's door takes rotating codes only, and this was the plain code. */
  ROTATING_CODE_REQUIRED(409),
  /** A rotating code whose one-time password is not current (a screenshot, or a forward). */
  CODE_EXPIRED(409),
  /** Shaped like a ticket code, but no key of the event it names signed it. */
  INVALID_SIGNATURE(422),
  /** No ticket has this code (and it is not a ticket code at all). */
  UNKNOWN_TICKET(404);

  private final int status;

  ScanResult(int status) {
    this.status = status;
  }

  /** The HTTP status of the answer. */
  public int status() {
    return status;
  }

  public boolean admits() {
    return status == 200;
  }

  /** The problem slug: {@code already-checked-in}. */
  @Override
  public String stored() {
    return Stored.super.stored().replace('_', '-');
  }

  public static ScanResult of(String stored) {
    return Stored.parse(values(), stored);
  }
}
