package io.holdfast.core.inventory;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import io.holdfast.core.grid.CoreSerialization;
import java.io.IOException;
import java.util.Arrays;

/**
 * A reserved section: a {@link GaShard} whose slots are seats, row after row, that hands out
 * the seats a buyer names or the best ones free. Row 0 is the best row; within a row the seats
 * nearest its middle are best. Deterministic like every shard: time comes in, and ties break
 * by seat number.
 */
public final class SeatShard extends GaShard {
  /** A refusal is {@code {FAILED, reason, seats...}}; a success is the seats taken. */
  public static final int FAILED = -1;
  /** Some of the named seats are taken; they follow. */
  public static final int TAKEN = 0;
  /** Fewer seats are free than asked for. */
  public static final int TOO_FEW = 1;
  /** Enough seats are free, but not side by side in one row. */
  public static final int NOT_TOGETHER = 2;

  /** First slot of each row, then the seat count. */
  private int[] rowStarts = {0};

  public SeatShard() {}

  public SeatShard(int[] rowStarts) {
    super(rowStarts[rowStarts.length - 1]);
    this.rowStarts = rowStarts.clone();
  }

  /**
   * Holds exactly {@code seats}, all or none. Asked again for a hold it has, it answers that
   * hold's seats (a retried operation).
   */
  public int[] takeExact(long hi, long lo, int[] seats, long expiresAt, long now) {
    long existing = holds.get(hi, lo, ABSENT);
    if (existing != ABSENT) {
      return slotsOf(existing);
    }
    int[] busy = busy(seats);
    if (busy.length > 0) {
      // A lapsed hold's seats are free: sweep (a no-op until one is due) and look again.
      sweep(now);
      busy = busy(seats);
    }
    if (busy.length > 0) {
      return refusal(TAKEN, busy);
    }
    hold(hi, lo, seats, expiresAt);
    return seats.clone();
  }

  /**
   * Holds the best {@code quantity} free seats: side by side in the best row that has them when
   * {@code together}, otherwise the best seats wherever they are.
   */
  public int[] takeBest(long hi, long lo, int quantity, boolean together, long expiresAt,
      long now) {
    long existing = holds.get(hi, lo, ABSENT);
    if (existing != ABSENT) {
      return slotsOf(existing);
    }
    sweep(now);
    if (capacity - taken < quantity) {
      return refusal(TOO_FEW, NONE);
    }
    int[] seats = together ? adjacent(quantity) : best(quantity);
    if (seats == null) {
      return refusal(NOT_TOGETHER, NONE);
    }
    hold(hi, lo, seats, expiresAt);
    return seats;
  }

  /**
   * Sells a hold's seats. A hold that lapsed and was swept, or was released, is re-taken when
   * the very same seats are still free; otherwise null.
   */
  public int[] confirmSeats(long hi, long lo, int[] seats, long now) {
    if (holds.get(hi, lo, ABSENT) == ABSENT) {
      sweep(now);
      if (busy(seats).length > 0) {
        return null;
      }
      claim(seats);
      holds.put(hi, lo, pack(seats[0], seats.length, SOLD));
      sold += seats.length;
      return seats.clone();
    }
    return confirm(hi, lo, seats.length, now);
  }

  /** Each seat's state as of {@code now}: 'f' free, 'h' held, 's' sold (lapsed holds free). */
  public byte[] states(long now) {
    byte[] states = new byte[capacity];
    Arrays.fill(states, (byte) 'f');
    holds.forEach((hi, lo, h) -> {
      if (!lapsed(h, now)) {
        byte state = until(h) == SOLD ? (byte) 's' : (byte) 'h';
        for (int slot : slotsOf(h)) {
          states[slot] = state;
        }
      }
    });
    return states;
  }

  private int[] busy(int[] seats) {
    int n = 0;
    int[] busy = null;
    for (int seat : seats) {
      if (seat < 0 || seat >= capacity || used.get(seat)) {
        if (busy == null) {
          busy = new int[seats.length];
        }
        busy[n++] = seat;
      }
    }
    return n == 0 ? NONE : Arrays.copyOf(busy, n);
  }

  private void hold(long hi, long lo, int[] seats, long expiresAt) {
    claim(seats);
    long until = toSeconds(expiresAt);
    holds.put(hi, lo, pack(seats[0], seats.length, until));
    earliestExpiry = Math.min(earliestExpiry, toMillis(until));
  }

  /**
   * The block of {@code n} free seats in the best row that has one: the block nearest the row's
   * middle, except that a block leaving a gap too small for another such party beside it gives
   * way to one that does not (so a row of 6 seats two parties of 3, not one in the middle).
   */
  private int[] adjacent(int n) {
    for (int r = 0; r + 1 < rowStarts.length; r++) {
      int start = rowStarts[r];
      int end = rowStarts[r + 1];
      if (end - start < n) {
        continue;
      }
      // Twice the row's middle, to stay in integers: a block's middle is (2b + n - 1) / 2.
      long middle2 = (long) start + end - 1;
      long ideal = (middle2 - n + 1) / 2;
      int best = -1;
      long bestScore = Long.MAX_VALUE;
      int free = used.nextClearBit(start);
      while (free < end) {
        int stop = used.nextSetBit(free);
        int runEnd = stop < 0 || stop > end ? end : stop;
        if (runEnd - free >= n) {
          int[] candidates = {(int) Math.max(free, Math.min(ideal, runEnd - n)), free,
              runEnd - n};
          for (int b : candidates) {
            long score = score(b, n, free, runEnd, middle2);
            if (score < bestScore) {
              bestScore = score;
              best = b;
            }
          }
        }
        free = runEnd >= end ? end : used.nextClearBit(runEnd);
      }
      if (best >= 0) {
        int[] seats = new int[n];
        for (int i = 0; i < n; i++) {
          seats[i] = best + i;
        }
        return seats;
      }
    }
    return null;
  }

  /** Lower is better: first how many stranded gaps the block leaves, then its distance. */
  private static long score(int b, int n, int runStart, int runEnd, long middle2) {
    int left = b - runStart;
    int right = runEnd - b - n;
    int stranded = (left > 0 && left < n ? 1 : 0) + (right > 0 && right < n ? 1 : 0);
    return stranded * (1L << 40) + Math.abs(2L * b + n - 1 - middle2);
  }

  /** The {@code n} best free seats: best rows first, each row from its middle outwards. */
  private int[] best(int n) {
    int[] seats = new int[n];
    int got = 0;
    for (int r = 0; r + 1 < rowStarts.length && got < n; r++) {
      int start = rowStarts[r];
      int end = rowStarts[r + 1];
      int left = (start + end - 1) / 2;
      int right = left + 1;
      while (got < n && (left >= start || right < end)) {
        // The nearer side first; on a tie, the lower seat number.
        boolean takeLeft = right >= end
            || (left >= start && (2L * left - (start + end - 1)) * -1
                <= 2L * right - (start + end - 1));
        int seat = takeLeft ? left-- : right++;
        if (!used.get(seat)) {
          seats[got++] = seat;
        }
      }
    }
    return got == n ? seats : null;
  }

  private static int[] refusal(int reason, int[] seats) {
    int[] refusal = new int[seats.length + 2];
    refusal[0] = FAILED;
    refusal[1] = reason;
    System.arraycopy(seats, 0, refusal, 2, seats.length);
    return refusal;
  }

  @Override
  public int getClassId() {
    return CoreSerialization.SEAT_SHARD;
  }

  @Override
  public void writeData(ObjectDataOutput out) throws IOException {
    super.writeData(out);
    out.writeIntArray(rowStarts);
  }

  @Override
  public void readData(ObjectDataInput in) throws IOException {
    super.readData(in);
    rowStarts = in.readIntArray();
  }
}
