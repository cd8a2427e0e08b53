package io.holdfast.core.hold;

import io.holdfast.contracts.hold.HoldKey;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.holdfast.core.grid.CoreSerialization;
import io.holdfast.contracts.core.HoldStatus;
import io.holdfast.contracts.core.HoldView;
import java.io.IOException;
import io.holdfast.contracts.hold.HoldRequest;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A hold as the grid remembers it: who holds how many tickets of which sections, until when,
 * and which inventory entries back it. Once sold, {@code slots[i]} are the slots sold in its
 * i-th part. A reserved-seating hold also keeps its seats, as slots and as seat IDs.
 */
public final class HoldRecord implements IdentifiedDataSerializable {
  // The statuses as the grid stores them: the wire names of the contract's HoldStatus.
  public static final String ACTIVE = HoldStatus.ACTIVE.wire();
  public static final String CONFIRMED = HoldStatus.CONFIRMED.wire();
  public static final String EXPIRED = HoldStatus.EXPIRED.wire();
  public static final String RELEASED = HoldStatus.RELEASED.wire();
  /** Paid too late: its seats were gone and the payment is refunded. Shown as expired. */
  public static final String FORFEITED = HoldStatus.FORFEITED.wire();
  /** Sold, then refunded: its seats went back to sale. Shown as released. */
  public static final String REFUNDED = HoldStatus.REFUNDED.wire();

  long hi;
  long lo;
  String eventId;
  String buyerId;
  /** The partner's customer the hold is for, or null. */
  String onBehalfOf;
  /** The (first) section of the hold. */
  String sectionId;
  int quantity;
  long amountCents;
  String currency;
  long createdAt;
  long expiresAt;
  String status;
  /**
   * The hold's parts: inventory entry, section index, ticket count, three ints a part. One
   * array, shared between records (see {@link #shared}), as most holds have one part.
   */
  int[] placement;
  /** A reserved hold's seats (slots in their sections), part after part; null for GA. */
  int[] seats;
  String[] seatIds;
  int[][] slots;

  public HoldRecord() {}

  /**
   * One-part placements, shared: a million holds use a few thousand distinct ones, so a record
   * need not carry an array of its own. Never changed once made.
   */
  private static final ConcurrentHashMap<Integer, int[]> SHARED = new ConcurrentHashMap<>();

  /** The shared copy of a one-part placement, or the placement itself. */
  static int[] shared(int[] placement) {
    if (placement.length != 3 || placement[0] < 0 || placement[0] > 255 || placement[1] < 0
        || placement[1] > 255 || placement[2] < 0 || placement[2] > 255) {
      return placement;
    }
    int key = placement[0] << 16 | placement[1] << 8 | placement[2];
    int[] known = SHARED.get(key);
    return known != null ? known : SHARED.computeIfAbsent(key, k -> placement.clone());
  }

  public HoldRecord(HoldKey key, String eventId, String buyerId, String onBehalfOf,
      String sectionId, int quantity, long amountCents, String currency, long createdAt,
      long expiresAt, int[] placement, int[] seats, String[] seatIds) {
    this.hi = key.hi();
    this.lo = key.lo();
    this.eventId = eventId;
    this.buyerId = buyerId;
    this.onBehalfOf = onBehalfOf;
    this.sectionId = sectionId;
    this.quantity = quantity;
    this.amountCents = amountCents;
    this.currency = currency;
    this.createdAt = createdAt;
    this.expiresAt = expiresAt;
    this.status = ACTIVE;
    this.placement = shared(placement);
    this.seats = seats;
    this.seatIds = seatIds;
  }

  /** A hold PostgreSQL says was sold, rebuilt after the whole grid restarted. */
  public static HoldRecord restored(HoldKey key, String eventId, String buyerId,
      String sectionId, int quantity, long amountCents, String currency, long createdAt,
      int[] placement, int[] seats, String[] seatIds, int[][] slots) {
    HoldRecord r = new HoldRecord(key, eventId, buyerId, null, sectionId, quantity, amountCents,
        currency, createdAt, createdAt, placement, seats, seatIds);
    r.status = CONFIRMED;
    r.slots = slots;
    return r;
  }

  public HoldKey key() { return new HoldKey(hi, lo); }
  public String holdId() { return key().toString(); }
  public String eventId() { return eventId; }
  public String buyerId() { return buyerId; }
  public String onBehalfOf() { return onBehalfOf; }
  public String sectionId() { return sectionId; }
  public int quantity() { return quantity; }
  public long expiresAt() { return expiresAt; }
  public String status() { return status; }
  /** Whom the purchase limit counts this hold for. */
  String limitKey() {
    return HoldRequest.limitKey(buyerId, onBehalfOf);
  }

  /** How many parts the hold has: one per inventory entry and section it took tickets in. */
  public int parts() {
    return placement.length / 3;
  }

  public int entryOf(int part) {
    return placement[3 * part];
  }

  public int sectionOf(int part) {
    return placement[3 * part + 1];
  }

  /** How many of the hold's tickets its part {@code part} has. */
  public int quantityIn(int part) {
    return placement[3 * part + 2];
  }

  /** The seats of part {@code part}, or null for a general-admission hold. */
  public int[] seatsIn(int part) {
    if (seats == null) {
      return null;
    }
    int from = 0;
    for (int i = 0; i < part; i++) {
      from += quantityIn(i);
    }
    return Arrays.copyOfRange(seats, from, from + quantityIn(part));
  }

  public int[][] slots() { return slots; }

  /** A copy for callers: the stored object belongs to its partition thread. */
  HoldRecord copy() {
    HoldRecord c = new HoldRecord(key(), eventId, buyerId, onBehalfOf, sectionId, quantity,
        amountCents, currency, createdAt, expiresAt, placement, seats, seatIds);
    c.status = status;
    c.slots = slots;
    return c;
  }

  /** The status a reader sees: an active hold past its time is expired even before the sweep. */
  public String statusAt(long now) {
    if (FORFEITED.equals(status)) {
      return EXPIRED;
    }
    if (REFUNDED.equals(status)) {
      return RELEASED;
    }
    return ACTIVE.equals(status) && expiresAt <= now ? EXPIRED : status;
  }

  /** The hold as the core answers it, seen at {@code now}. */
  public HoldView view(long now) {
    return new HoldView(holdId(), eventId, buyerId, sectionId,
        seatIds == null ? List.of() : List.of(seatIds), quantity, amountCents, currency,
        Instant.ofEpochMilli(createdAt).toString(), Instant.ofEpochMilli(expiresAt).toString(),
        HoldStatus.of(statusAt(now)), onBehalfOf);
  }

  @Override
  public int getFactoryId() {
    return CoreSerialization.FACTORY_ID;
  }

  @Override
  public int getClassId() {
    return CoreSerialization.HOLD_RECORD;
  }

  @Override
  public void writeData(ObjectDataOutput out) throws IOException {
    out.writeLong(hi);
    out.writeLong(lo);
    out.writeString(eventId);
    out.writeString(buyerId);
    out.writeString(onBehalfOf);
    out.writeString(sectionId);
    out.writeInt(quantity);
    out.writeLong(amountCents);
    out.writeString(currency);
    out.writeLong(createdAt);
    out.writeLong(expiresAt);
    out.writeString(status);
    out.writeIntArray(placement);
    out.writeIntArray(seats);
    out.writeStringArray(seatIds);
    out.writeBoolean(slots != null);
    if (slots != null) {
      for (int[] s : slots) {
        out.writeIntArray(s);
      }
    }
  }

  /** Writes records as a count and each record: what batch processors and answers carry. */
  static void writeAll(ObjectDataOutput out, List<HoldRecord> records) throws IOException {
    out.writeInt(records.size());
    for (HoldRecord r : records) {
      r.writeData(out);
    }
  }

  static List<HoldRecord> readAll(ObjectDataInput in) throws IOException {
    int n = in.readInt();
    List<HoldRecord> records = new java.util.ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      HoldRecord r = new HoldRecord();
      r.readData(in);
      records.add(r);
    }
    return records;
  }

  @Override
  public void readData(ObjectDataInput in) throws IOException {
    hi = in.readLong();
    lo = in.readLong();
    eventId = in.readString();
    buyerId = in.readString();
    onBehalfOf = in.readString();
    sectionId = in.readString();
    quantity = in.readInt();
    amountCents = in.readLong();
    currency = in.readString();
    createdAt = in.readLong();
    expiresAt = in.readLong();
    status = in.readString();
    placement = shared(in.readIntArray());
    seats = in.readIntArray();
    seatIds = in.readStringArray();
    if (in.readBoolean()) {
      slots = new int[placement.length / 3][];
      for (int i = 0; i < slots.length; i++) {
        slots[i] = in.readIntArray();
      }
    }
  }
}
