package io.holdfast.core.hold;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.holdfast.core.grid.CoreSerialization;
import java.io.IOException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * One of the grid's books of holds: the hold records and the buyers' allowances of every
 * buyer whose holds fall in this book (a hold's book is written into its ID, see
 * {@link HoldIds}). Keeping a buyer's allowance next to its holds lets one entry processor
 * place a whole batch of holds, and settle a hold and its allowance together.
 */
public final class HoldBook implements IdentifiedDataSerializable {
  /** How long a finished hold is kept for readers and late payments. */
  static final long RETENTION_MILLIS = 2L * 24 * 3600 * 1000;
  private static final long PURGE_EVERY_MILLIS = 3600 * 1000;

  private Map<String, HoldRecord> holds = new HashMap<>();
  private Map<String, BuyerQuota> allowances = new HashMap<>();
  private long nextPurgeAt;

  HoldRecord hold(String holdId) {
    return holds.get(holdId);
  }

  /** Records a new hold if its buyer's allowance has room: answers tickets left, or -1 - left. */
  int place(HoldRecord record, int max, long now) {
    purge(now);
    BuyerQuota quota = allowances.computeIfAbsent(allowanceKey(record), k -> new BuyerQuota());
    int left = quota.reserve(record.holdId, record.quantity, max, record.expiresAt, now);
    if (left >= 0 && !holds.containsKey(record.holdId)) {
      holds.put(record.holdId, record);
    }
    return left;
  }

  /**
   * Moves a hold to {@code to} when its status is one of {@code from}, and settles its buyer's
   * allowance with it: a confirmed hold keeps counting, any other end frees it.
   */
  HoldRecord transition(String holdId, String to, int[][] slots, String[] from) {
    HoldRecord record = holds.get(holdId);
    if (record == null) {
      return null;
    }
    boolean allowed = false;
    for (String status : from) {
      allowed |= status.equals(record.status);
    }
    if (allowed) {
      record.status = to;
      if (slots != null) {
        record.slots = slots;
      }
      BuyerQuota quota = allowances.get(allowanceKey(record));
      if (HoldRecord.CONFIRMED.equals(to)) {
        if (quota == null) {
          quota = new BuyerQuota();
          allowances.put(allowanceKey(record), quota);
        }
        quota.confirm(holdId, record.quantity);
      } else if (quota != null) {
        quota.release(holdId);
      }
    }
    return record.copy();
  }

  private static String allowanceKey(HoldRecord record) {
    return record.eventId + '/' + record.buyerId;
  }

  /** Drops holds that ended long ago; runs at most hourly, inside whatever call comes first. */
  private void purge(long now) {
    if (now < nextPurgeAt) {
      return;
    }
    nextPurgeAt = now + PURGE_EVERY_MILLIS;
    Iterator<HoldRecord> it = holds.values().iterator();
    while (it.hasNext()) {
      HoldRecord r = it.next();
      if (r.expiresAt + RETENTION_MILLIS < now) {
        it.remove();
      }
    }
    allowances.values().removeIf(BuyerQuota::isEmpty);
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
    out.writeInt(holds.size());
    for (HoldRecord r : holds.values()) {
      r.writeData(out);
    }
    out.writeInt(allowances.size());
    for (Map.Entry<String, BuyerQuota> e : allowances.entrySet()) {
      out.writeString(e.getKey());
      e.getValue().writeData(out);
    }
  }

  @Override
  public void readData(ObjectDataInput in) throws IOException {
    nextPurgeAt = in.readLong();
    int n = in.readInt();
    holds = new HashMap<>(n * 2);
    for (int i = 0; i < n; i++) {
      HoldRecord r = new HoldRecord();
      r.readData(in);
      holds.put(r.holdId, r);
    }
    int m = in.readInt();
    allowances = new HashMap<>(m * 2);
    for (int i = 0; i < m; i++) {
      String key = in.readString();
      BuyerQuota quota = new BuyerQuota();
      quota.readData(in);
      allowances.put(key, quota);
    }
  }
}
