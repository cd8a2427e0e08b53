package io.holdfast.core.event;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.holdfast.contracts.Sharding;
import io.holdfast.core.grid.CoreSerialization;
import io.holdfast.contracts.core.LoadEvent;
import io.holdfast.contracts.core.SectionKind;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the core must know of a published event to sell it: window, limits, sections; and when
 * its inventory is evicted (its end plus a grace period). Once evicted it stays as a tombstone:
 * no longer selling (its sales window ends by then at the latest), with what it sold per
 * section, so it answers as an event that is over and is never loaded again.
 */
public final class EventInfo implements IdentifiedDataSerializable {
  private String eventId;
  private String currency;
  private long salesStartAt;
  private long salesEndAt;
  private int maxPerBuyer;
  private int holdSeconds;
  /** When the inventory goes (epoch ms): its end plus the grace; never without an end. */
  private long evictAt = Long.MAX_VALUE;
  /** Tickets sold per section when the inventory went; null while the event has one. */
  private int[] soldAtEviction;
  /** Cancelled or ended: its sales never open again (EventCatalog refuses to reopen them). */
  private boolean finished;
  private List<Section> sections = new ArrayList<>();

  /**
   * A section as the core sells it: the {@code index}-th of its event. A general-admission
   * section's {@code capacity} is shared by {@code shards} shards, shard k living in the event's
   * inventory entry k; a reserved section is one shard, in entry {@code firstEntry}, whose slots
   * are its seats row after row (see {@link SeatLayout}).
   */
  public record Section(int index, String id, String kind, long priceCents, int capacity,
      int shards, int firstEntry, SeatLayout layout) {
    public Section(int index, String id, String kind, long priceCents, int capacity,
        int shards) {
      this(index, id, kind, priceCents, capacity, shards, 0, null);
    }

    public boolean reserved() {
      return layout != null;
    }

    /** The inventory entry of the section's shard {@code k}. */
    public int entryOf(int k) {
      return firstEntry + k;
    }

    /** Which of the section's shards lives in inventory entry {@code entry}. */
    public int shardIn(int entry) {
      return entry - firstEntry;
    }
  }

  public EventInfo() {}

  /**
   * The event as a load request has it; its inventory is evicted {@code graceMillis} after its
   * {@code endsAt} (if given), and sales end by then whatever {@code salesEndAt} says, so
   * nothing is sold from inventory that is about to go.
   */
  public static EventInfo from(LoadEvent load, long graceMillis) {
    EventInfo info = new EventInfo();
    info.eventId = load.id();
    info.currency = load.currency();
    info.salesStartAt = Instant.parse(load.salesStartAt()).toEpochMilli();
    if (load.endsAt() != null) {
      info.evictAt = Instant.parse(load.endsAt()).toEpochMilli() + graceMillis;
    }
    info.salesEndAt = Math.min(info.evictAt, Instant.parse(load.salesEndAt()).toEpochMilli());
    info.maxPerBuyer = load.maxPerBuyer();
    info.holdSeconds = load.holdSeconds();
    info.finished = load.finished();
    int reserved = 0;
    for (LoadEvent.Section s : load.sections()) {
      SeatLayout layout = s.kind() == SectionKind.RESERVED && s.rows() != null
          ? SeatLayout.from(s.id(), s.rows()) : null;
      // Reserved sections take turns over the entries, so a stadium's sections spread over
      // the grid's partitions (sharded by section).
      int first = layout == null ? 0 : reserved++ % Sharding.MAX_ENTRIES;
      info.sections.add(new Section(info.sections.size(), s.id(), s.kind().wire(),
          s.priceCents(), layout == null ? s.capacity() : layout.seats(),
          layout == null ? s.shards() : 1, first, layout));
    }
    return info;
  }

  public String eventId() { return eventId; }
  public String currency() { return currency; }
  public int maxPerBuyer() { return maxPerBuyer; }
  public int holdSeconds() { return holdSeconds; }
  public List<Section> sections() { return sections; }
  public long evictAt() { return evictAt; }

  /** Whether the inventory was evicted (this is the event's tombstone). */
  public boolean evicted() {
    return soldAtEviction != null;
  }

  /** Tickets section {@code index} had sold when the inventory went (see {@link #evicted}). */
  public int soldAtEviction(int index) {
    return index < soldAtEviction.length ? soldAtEviction[index] : 0;
  }

  /** This event's tombstone: selling nothing, with what each section sold. */
  public EventInfo evicted(int[] soldPerSection) {
    EventInfo t = new EventInfo();
    t.eventId = eventId;
    t.currency = currency;
    t.salesStartAt = salesStartAt;
    t.salesEndAt = Math.min(salesEndAt, evictAt);
    t.maxPerBuyer = maxPerBuyer;
    t.holdSeconds = holdSeconds;
    t.evictAt = evictAt;
    t.soldAtEviction = soldPerSection.clone();
    t.finished = finished;
    t.sections = sections;
    return t;
  }
  public boolean finished() { return finished; }

  /** How many inventory entries the event has: as many as its most sharded section. */
  public int inventoryEntries() {
    int n = 0;
    for (Section s : sections) {
      n = Math.max(n, s.firstEntry() + s.shards());
    }
    return n;
  }

  public boolean onSale(long now) {
    return now >= salesStartAt && now < salesEndAt;
  }

  public Section section(String id) {
    for (Section s : sections) {
      if (s.id().equals(id)) {
        return s;
      }
    }
    return null;
  }

  /** A seat of the event: its section and its slot there. */
  public record Seat(Section section, int slot) {}

  /** The seat an ID {@code SECTION-ROW-NUMBER} names, or null when the event has none such. */
  public Seat seat(String seatId) {
    int first = seatId.indexOf('-');
    int last = seatId.lastIndexOf('-');
    if (first <= 0 || last <= first + 1 || seatId.indexOf('-', first + 1) != last) {
      return null;
    }
    Section section = section(seatId.substring(0, first));
    if (section == null || !section.reserved()) {
      return null;
    }
    int slot = section.layout().slotOf(seatId.substring(first + 1, last),
        seatId.substring(last + 1));
    return slot < 0 ? null : new Seat(section, slot);
  }

  @Override
  public int getFactoryId() {
    return CoreSerialization.FACTORY_ID;
  }

  @Override
  public int getClassId() {
    return CoreSerialization.EVENT_INFO;
  }

  @Override
  public void writeData(ObjectDataOutput out) throws IOException {
    out.writeString(eventId);
    out.writeString(currency);
    out.writeLong(salesStartAt);
    out.writeLong(salesEndAt);
    out.writeInt(maxPerBuyer);
    out.writeInt(holdSeconds);
    out.writeLong(evictAt);
    out.writeIntArray(soldAtEviction);
    out.writeBoolean(finished);
    out.writeInt(sections.size());
    for (Section s : sections) {
      out.writeString(s.id());
      out.writeString(s.kind());
      out.writeLong(s.priceCents());
      out.writeInt(s.capacity());
      out.writeInt(s.shards());
      out.writeInt(s.firstEntry());
      out.writeBoolean(s.layout() != null);
      if (s.layout() != null) {
        s.layout().writeData(out);
      }
    }
  }

  @Override
  public void readData(ObjectDataInput in) throws IOException {
    eventId = in.readString();
    currency = in.readString();
    salesStartAt = in.readLong();
    salesEndAt = in.readLong();
    maxPerBuyer = in.readInt();
    holdSeconds = in.readInt();
    evictAt = in.readLong();
    soldAtEviction = in.readIntArray();
    finished = in.readBoolean();
    int n = in.readInt();
    sections = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String id = in.readString();
      String kind = in.readString();
      long price = in.readLong();
      int capacity = in.readInt();
      int shards = in.readInt();
      int first = in.readInt();
      SeatLayout layout = in.readBoolean() ? SeatLayout.read(id, in) : null;
      sections.add(new Section(i, id, kind, price, capacity, shards, first, layout));
    }
  }
}
