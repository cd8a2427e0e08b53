package io.holdfast.core.hold;

import io.holdfast.contracts.hold.HoldKey;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.holdfast.core.grid.CoreSerialization;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.time.Instant;

/**
 * A hold as the grid remembers it: who holds how many tickets of which section, until when,
 * and which shards back it. Once sold, {@code slots[i]} are the slots sold in the i-th shard.
 */
public final class HoldRecord implements IdentifiedDataSerializable {
  public static final String ACTIVE = "active";
  public static final String CONFIRMED = "confirmed";
  public static final String EXPIRED = "expired";
  public static final String RELEASED = "released";
  /** Paid too late: its seats were gone and the payment is refunded. Shown as expired. */
  public static final String FORFEITED = "forfeited";

  long hi;
  long lo;
  String eventId;
  String buyerId;
  String sectionId;
  /** The section's index in its event: which part of an inventory entry holds its tickets. */
  int section;
  int quantity;
  long amountCents;
  String currency;
  long createdAt;
  long expiresAt;
  String status;
  /** Shard, ticket count, shard, ticket count, ...: one array, as most holds use one shard. */
  int[] placement;
  int[][] slots;

  public HoldRecord() {}

  /**
   * Placements of holds in one shard, shared: a million holds use a few thousand distinct
   * ones, so a record need not carry an array of its own. Never changed once made.
   */
  private static final int[][][] SINGLE = new int[32][101][];

  static {
    for (int shard = 0; shard < SINGLE.length; shard++) {
      for (int count = 0; count < SINGLE[shard].length; count++) {
        SINGLE[shard][count] = new int[] {shard, count};
      }
    }
  }

  /** The shared copy of a one-shard placement, or the placement itself. */
  static int[] shared(int[] placement) {
    if (placement.length == 2 && placement[0] >= 0 && placement[0] < SINGLE.length
        && placement[1] >= 0 && placement[1] < SINGLE[0].length) {
      return SINGLE[placement[0]][placement[1]];
    }
    return placement;
  }

  public HoldRecord(HoldKey key, String eventId, String buyerId, String sectionId, int section,
      int quantity, long amountCents, String currency, long createdAt, long expiresAt,
      int[] placement) {
    this.hi = key.hi();
    this.lo = key.lo();
    this.eventId = eventId;
    this.buyerId = buyerId;
    this.sectionId = sectionId;
    this.section = section;
    this.quantity = quantity;
    this.amountCents = amountCents;
    this.currency = currency;
    this.createdAt = createdAt;
    this.expiresAt = expiresAt;
    this.status = ACTIVE;
    this.placement = shared(placement);
  }

  public HoldKey key() { return new HoldKey(hi, lo); }
  public String holdId() { return key().toString(); }
  public String eventId() { return eventId; }
  public String buyerId() { return buyerId; }
  public String sectionId() { return sectionId; }
  public int section() { return section; }
  public int quantity() { return quantity; }
  public long expiresAt() { return expiresAt; }
  public String status() { return status; }
  /** The shards that hold the hold's tickets. */
  public int[] shards() {
    int[] shards = new int[placement.length / 2];
    for (int i = 0; i < shards.length; i++) {
      shards[i] = placement[2 * i];
    }
    return shards;
  }

  public int[][] slots() { return slots; }

  /** A copy for callers: the stored object belongs to its partition thread. */
  HoldRecord copy() {
    HoldRecord c = new HoldRecord(key(), eventId, buyerId, sectionId, section, quantity,
        amountCents, currency, createdAt, expiresAt, placement);
    c.status = status;
    c.slots = slots;
    return c;
  }

  /** The status a reader sees: an active hold past its time is expired even before the sweep. */
  public String statusAt(long now) {
    if (FORFEITED.equals(status)) {
      return EXPIRED;
    }
    return ACTIVE.equals(status) && expiresAt <= now ? EXPIRED : status;
  }

  /** How many of the hold's tickets sit in the shard at position {@code i}. */
  public int quantityIn(int i) {
    return placement[2 * i + 1];
  }

  public JsonObject toJson(long now) {
    return new JsonObject()
        .put("holdId", holdId())
        .put("eventId", eventId)
        .put("buyerId", buyerId)
        .put("sectionId", sectionId)
        .put("seats", new JsonArray())
        .put("quantity", quantity)
        .put("amountCents", amountCents)
        .put("currency", currency)
        .put("createdAt", Instant.ofEpochMilli(createdAt).toString())
        .put("expiresAt", Instant.ofEpochMilli(expiresAt).toString())
        .put("status", statusAt(now));
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
    out.writeString(sectionId);
    out.writeInt(section);
    out.writeInt(quantity);
    out.writeLong(amountCents);
    out.writeString(currency);
    out.writeLong(createdAt);
    out.writeLong(expiresAt);
    out.writeString(status);
    out.writeIntArray(placement);
    out.writeBoolean(slots != null);
    if (slots != null) {
      for (int[] s : slots) {
        out.writeIntArray(s);
      }
    }
  }

  @Override
  public void readData(ObjectDataInput in) throws IOException {
    hi = in.readLong();
    lo = in.readLong();
    eventId = in.readString();
    buyerId = in.readString();
    sectionId = in.readString();
    section = in.readInt();
    quantity = in.readInt();
    amountCents = in.readLong();
    currency = in.readString();
    createdAt = in.readLong();
    expiresAt = in.readLong();
    status = in.readString();
    placement = shared(in.readIntArray());
    if (in.readBoolean()) {
      slots = new int[placement.length / 2][];
      for (int i = 0; i < slots.length; i++) {
        slots[i] = in.readIntArray();
      }
    }
  }
}
