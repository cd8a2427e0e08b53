package io.holdfast.contracts.hold;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.util.UUID;

/**
 * A hold's identity: its public ID is this UUID. The grid keys holds by the two longs, never by
 * the string. The last byte names the hold's book (the grid entry where its record and its
 * buyer's allowance live), so a hold is found from its ID alone; the other 118 bits come from a
 * strong generator, so IDs cannot be guessed, foretold or collide. The edge names a hold before
 * asking for it, so a retry of the same request can only ever be that hold.
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
    Source source = SOURCES.get();
    return new HoldKey(source.nextLong(),
        (source.nextLong() & ~VARIANT_MASK & ~0xFFL) | VARIANT | book);
  }

  /**
   * The random bits of this thread's keys: a hold ID is also the Stripe idempotency key of its
   * payment, so it must not be foretold from other output (ThreadLocalRandom's can be, from one
   * value). Each thread runs AES-256 in counter mode under a key from SecureRandom (the
   * construction of NIST's CTR_DRBG), a block of 256 keys at a time, and takes a new key from
   * SecureRandom every 65,536 hold keys: about 25 ns a key, against 150 to 300 ns for the JDK's
   * DRBG, and no lock is shared between threads.
   */
  private static final class Source {
    private static final int BLOCK = 16 * 256;
    private static final int BLOCKS_PER_KEY = 256;
    private static final byte[] ZEROS = new byte[BLOCK];
    private static final SecureRandom SEEDS = new SecureRandom();
    private final Cipher stream;
    private final byte[] block = new byte[BLOCK];
    private int next = BLOCK;
    private int blocks;

    Source() {
      try {
        stream = Cipher.getInstance("AES/CTR/NoPadding");
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("AES/CTR is not available", e);
      }
    }

    long nextLong() {
      if (next == BLOCK) {
        refill();
      }
      long value = (long) LONGS.get(block, next);
      next += Long.BYTES;
      return value;
    }

    private void refill() {
      try {
        if (blocks++ % BLOCKS_PER_KEY == 0) {
          byte[] key = new byte[32];
          byte[] counter = new byte[16];
          SEEDS.nextBytes(key);
          SEEDS.nextBytes(counter);
          stream.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"),
              new IvParameterSpec(counter));
        }
        stream.update(ZEROS, 0, BLOCK, block, 0);
        next = 0;
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("the hold key stream failed", e);
      }
    }
  }

  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
      ByteOrder.BIG_ENDIAN);
  private static final ThreadLocal<Source> SOURCES = ThreadLocal.withInitial(Source::new);

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
