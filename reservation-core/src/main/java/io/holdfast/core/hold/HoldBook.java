package io.holdfast.core.hold;

import io.holdfast.contracts.hold.HoldKey;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.holdfast.core.grid.CoreSerialization;
import io.holdfast.core.grid.UuidMap;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One of the grid's books of holds: the hold records and the buyers' allowances of every
 * buyer whose holds fall in this book (a hold's book is written into its key, see
 * {@link HoldKey}). Keeping a buyer's allowance next to its holds lets one entry processor
 * place a whole batch of holds, and settle a hold and its allowance together.
 */
public final class HoldBook implements IdentifiedDataSerializable {
  /**
   * How long a finished hold that was not sold is kept for readers and late payments. A sold
   * one stays while its event can still sell, so that a late refund returns its seats and
   * allowance: until the event's inventory is evicted (see {@link #evict}).
   */
  static final long RETENTION_MILLIS = 2L * 24 * 3600 * 1000;
  private static final long PURGE_EVERY_MILLIS = 3600 * 1000;

  private UuidMap<HoldRecord> holds = new UuidMap<>();
  /** Event ID → buyer ID (or partner ID/customer reference) → allowance. */
  private Map<String, Map<String, BuyerQuota>> allowances = new HashMap<>();
  private long nextPurgeAt;

  HoldRecord hold(HoldKey key) {
    return holds.get(key.hi(), key.lo());
  }

  /** The least {@link #place} answers for a holder at its cap; less by the seconds to wait. */
  private static final int OVER_CAP = -(1 << 30);

  /**
   * Records a new hold if its buyer's allowance has room and the holder has fewer than
   * {@code cap} active holds of the event (0: no cap): answers tickets left, or -1 - left (the
   * purchase limit), or a value {@link #overCap} recognizes.
   */
  int place(HoldRecord record, int max, int cap, long now) {
    purge(now);
    BuyerQuota quota = allowances.computeIfAbsent(record.eventId, k -> new HashMap<>())
        .computeIfAbsent(record.limitKey(), k -> new BuyerQuota());
    if (holds.get(record.hi, record.lo) != null) {
      // Placed before (a retried operation): its allowance is already counted.
      return quota.left(max);
    }
    int left = quota.reserve(record.hi, record.lo, record.quantity, max, cap, record.expiresAt,
        now);
    if (left == BuyerQuota.OVER_CAP) {
      long wait = (quota.firstLapse(now) - now + 999) / 1000;
      return OVER_CAP - (int) Math.min(Math.max(wait, 1), 1 << 20);
    }
    if (left >= 0) {
      holds.put(record.hi, record.lo, record);
    }
    return left;
  }

  /** Whether {@link #place} refused for the cap on active holds. */
  static boolean overCap(int placed) {
    return placed <= OVER_CAP;
  }

  /** For a refusal {@link #overCap} recognizes: seconds until the holder's first hold lapses. */
  static int retrySeconds(int placed) {
    return OVER_CAP - placed;
  }

  /** Puts back a sold hold after a rebuild, counted in its buyer's allowance; once only. */
  void restore(HoldRecord record) {
    if (holds.get(record.hi, record.lo) != null) {
      return;
    }
    holds.put(record.hi, record.lo, record);
    allowances.computeIfAbsent(record.eventId, k -> new HashMap<>())
        .computeIfAbsent(record.limitKey(), k -> new BuyerQuota())
        .confirm(record.hi, record.lo, record.quantity);
  }

  /** {@link #transition(HoldKey, String, int[][], String[], int, long)}, not confirming. */
  HoldRecord transition(HoldKey key, String to, int[][] slots, String[] from) {
    return transition(key, to, slots, from, -1, 0);
  }

  /**
   * Moves a hold to {@code to} when its status is one of {@code from}, and settles its buyer's
   * allowance with it: a confirmed hold keeps counting, a refund or any other end frees it.
   *
   * <p>Confirming a hold that no longer counts in its holder's allowance (released, or lapsed
   * and swept) re-takes the allowance only where {@code maxPerBuyer} leaves room for it beside
   * the holder's active holds and tickets (at {@code now}); otherwise the hold is forfeited
   * (final) and its payment refunded, so paying for holds given up never buys past the limit.
   * Checked here, in the book's entry processor, so no concurrent hold or payment slips in.
   */
  HoldRecord transition(HoldKey key, String to, int[][] slots, String[] from, int maxPerBuyer,
      long now) {
    HoldRecord record = holds.get(key.hi(), key.lo());
    if (record == null) {
      return null;
    }
    boolean allowed = false;
    for (String status : from) {
      allowed |= status.equals(record.status);
    }
    if (!allowed) {
      return record.copy();
    }
    Map<String, BuyerQuota> buyers = allowances.computeIfAbsent(record.eventId,
        k -> new HashMap<>());
    if (HoldRecord.CONFIRMED.equals(to)) {
      BuyerQuota quota = buyers.computeIfAbsent(record.limitKey(), k -> new BuyerQuota());
      if (!HoldRecord.CONFIRMED.equals(record.status)
          && !quota.admits(record.hi, record.lo, record.quantity, maxPerBuyer, now)) {
        record.status = HoldRecord.FORFEITED;
        return record.copy();
      }
      quota.confirm(record.hi, record.lo, record.quantity);
    } else {
      BuyerQuota quota = buyers.get(record.limitKey());
      if (quota != null && HoldRecord.REFUNDED.equals(to)) {
        quota.refund(record.hi, record.lo);
      } else if (quota != null) {
        quota.release(record.hi, record.lo);
      }
    }
    record.status = to;
    if (slots != null) {
      record.slots = slots;
    }
    return record.copy();
  }

  /**
   * Forgets an event whose inventory is evicted: its holds, sold ones included, and its
   * buyers' allowances. Answers how many holds went.
   */
  int evict(String eventId) {
    allowances.remove(eventId);
    return holds.removeIf(r -> eventId.equals(r.eventId));
  }

  /** Drops holds that ended long ago; runs at most hourly, inside whatever call comes first. */
  private void purge(long now) {
    if (now < nextPurgeAt) {
      return;
    }
    nextPurgeAt = now + PURGE_EVERY_MILLIS;
    holds.removeIf(r -> !HoldRecord.CONFIRMED.equals(r.status)
        && r.expiresAt + RETENTION_MILLIS < now);
    allowances.values().forEach(buyers -> buyers.values().removeIf(BuyerQuota::isEmpty));
    allowances.values().removeIf(Map::isEmpty);
  }

  @Override
  public int getFactoryId() {
    return CoreSerialization.FACTORY_ID;
  }

  @Override
  public int getClassId() {
    return CoreSerialization.HOLD_BOOK;
  }

  @Override
  public void writeData(ObjectDataOutput out) throws IOException {
    out.writeLong(nextPurgeAt);
    List<HoldRecord> records = new ArrayList<>(holds.size());
    holds.forEach((hi, lo, r) -> records.add(r));
    out.writeInt(records.size());
    for (HoldRecord r : records) {
      r.writeData(out);
    }
    out.writeInt(allowances.size());
    for (Map.Entry<String, Map<String, BuyerQuota>> event : allowances.entrySet()) {
      out.writeString(event.getKey());
      out.writeInt(event.getValue().size());
      for (Map.Entry<String, BuyerQuota> buyer : event.getValue().entrySet()) {
        out.writeString(buyer.getKey());
        buyer.getValue().writeData(out);
      }
    }
  }

  @Override
  public void readData(ObjectDataInput in) throws IOException {
    nextPurgeAt = in.readLong();
    int n = in.readInt();
    holds = new UuidMap<>(n);
    for (int i = 0; i < n; i++) {
      HoldRecord r = new HoldRecord();
      r.readData(in);
      holds.put(r.hi, r.lo, r);
    }
    int events = in.readInt();
    allowances = new HashMap<>(events * 2);
    for (int e = 0; e < events; e++) {
      String eventId = in.readString();
      int buyers = in.readInt();
      Map<String, BuyerQuota> quotas = new HashMap<>(buyers * 2);
      for (int b = 0; b < buyers; b++) {
        String buyerId = in.readString();
        BuyerQuota quota = new BuyerQuota();
        quota.readData(in);
        quotas.put(buyerId, quota);
      }
      allowances.put(eventId, quotas);
    }
  }
}
