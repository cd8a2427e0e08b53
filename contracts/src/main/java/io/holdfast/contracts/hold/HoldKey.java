package io.holdfast.contracts.hold;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A hold's identity: its public ID is this UUID. The grid keys holds by the two longs, never by
 * the string. The last byte names the hold's book (the grid entry where its record and its
 * buyer's allowance live), so a hold is found from its ID alone; the other 120 bits are random,
 * so IDs cannot be guessed or collide. The edge names a hold before asking for it, so a retry
 * of the same request can only ever be that hold.
 */
public record HoldKey(long hi, long lo) {
  /** How many books of holds the grid keeps; the key names its book in one byte. */
  public static final int BOOKS = 256;
  /**
   * How many books one event's buyers spread over. A batch of holds costs one operation per
   * book it touches, so few; a partition thread places a million holds a second in batches,
   * so a few books carry any drop, and different events still spread over all the books.
   */
  public static final int BOOKS_PER_EVENT = 4;

  /** The book of a buyer's holds for an event: its holds and its allowance meet there. */
  public static int bookOf(String eventId, String buyerId) {
    return (firstBook(eventId) + Math.floorMod(buyerId.hashCode(), BOOKS_PER_EVENT)) % BOOKS;
  }

  /** The first of an event's books; the others follow it (modulo {@link #BOOKS}). */
  public static int firstBook(String eventId) {
    return Math.floorMod(eventId.hashCode(), BOOKS);
  }

  /** The IETF variant bits of a UUID: set in every hold key, so its low half is never 0. */
  private static final long VARIANT_MASK = 0xC000000000000000L;
  private static final long VARIANT = 0x8000000000000000L;

  /** A new key in {@code book}. */
  public static HoldKey next(int book) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return new HoldKey(random.nextLong(),
        (random.nextLong() & ~VARIANT_MASK & ~0xFFL) | VARIANT | book);
  }

  /** The key of a hold ID, or null when the string is not a hold ID of ours. */
  public static HoldKey parse(String holdId) {
    if (holdId == null || holdId.length() != 36) {
      return null;
    }
    try {
      UUID uuid = UUID.fromString(holdId);
      HoldKey key = new HoldKey(uuid.getMostSignificantBits(), uuid.getLeastSignificantBits());
      return key.book() < BOOKS && (key.lo() & VARIANT_MASK) == VARIANT ? key : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  public int book() {
    return (int) (lo & 0xFF);
  }

  /** The public hold ID. */
  @Override
  public String toString() {
    return new UUID(hi, lo).toString();
  }
}
