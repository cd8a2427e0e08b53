package io.holdfast.core.hold;

import io.holdfast.core.grid.GridMaps;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Hold IDs are random UUIDs whose last two hex digits name the hold's book. The book is chosen
 * by the buyer and event, so a buyer's holds and allowance share one book, and any hold is
 * found from its ID alone.
 */
public final class HoldIds {
  private HoldIds() {}

  public static int bookOf(String eventId, String buyerId) {
    return Math.floorMod((eventId + '/' + buyerId).hashCode(), GridMaps.BOOKS);
  }

  /** A new hold ID in {@code book}. */
  public static String next(int book) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    // Version 4 and the IETF variant, as UUID.randomUUID makes them.
    long msb = (random.nextLong() & ~0xF000L) | 0x4000L;
    long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    String id = new UUID(msb, lsb).toString();
    return id.substring(0, 34) + Character.forDigit(book >> 4, 16) + Character.forDigit(book & 15, 16);
  }

  /** The book of a hold ID, or -1 when the ID is not one of ours. */
  public static int bookOf(String holdId) {
    if (holdId == null || holdId.length() != 36) {
      return -1;
    }
    int high = Character.digit(holdId.charAt(34), 16);
    int low = Character.digit(holdId.charAt(35), 16);
    int book = high * 16 + low;
    return high >= 0 && low >= 0 && book < GridMaps.BOOKS ? book : -1;
  }
}
