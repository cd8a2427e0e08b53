package io.holdfast.core.event;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.holdfast.core.grid.CoreSerialization;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** What the core must know of a published event to sell it: window, limits, sections. */
public final class EventInfo implements IdentifiedDataSerializable {
  private String eventId;
  private String currency;
  private long salesStartAt;
  private long salesEndAt;
  private int maxPerBuyer;
  private int holdSeconds;
  private List<Section> sections = new ArrayList<>();

  /**
   * A section as the core sells it: the {@code index}-th of its event; {@code shards} shards
   * share its {@code capacity}, shard k living in the event's inventory entry k.
   */
  public record Section(int index, String id, String kind, long priceCents, int capacity,
      int shards) {}

  public EventInfo() {}

  public static EventInfo fromJson(JsonObject json) {
    EventInfo info = new EventInfo();
    info.eventId = json.getString("id");
    info.currency = json.getString("currency");
    info.salesStartAt = Instant.parse(json.getString("salesStartAt")).toEpochMilli();
    info.salesEndAt = Instant.parse(json.getString("salesEndAt")).toEpochMilli();
    info.maxPerBuyer = json.getInteger("maxPerBuyer");
    info.holdSeconds = json.getInteger("holdSeconds");
    for (Object o : json.getJsonArray("sections", new JsonArray())) {
      JsonObject s = (JsonObject) o;
      info.sections.add(new Section(info.sections.size(), s.getString("id"), s.getString("kind"),
          s.getLong("priceCents"), s.getInteger("capacity"), s.getInteger("shards")));
    }
    return info;
  }

  public String eventId() { return eventId; }
  public String currency() { return currency; }
  public int maxPerBuyer() { return maxPerBuyer; }
  public int holdSeconds() { return holdSeconds; }
  public List<Section> sections() { return sections; }

  /** How many inventory entries the event has: as many as its most sharded section. */
  public int inventoryEntries() {
    int n = 0;
    for (Section s : sections) {
      n = Math.max(n, s.shards());
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
    out.writeInt(sections.size());
    for (Section s : sections) {
      out.writeString(s.id());
      out.writeString(s.kind());
      out.writeLong(s.priceCents());
      out.writeInt(s.capacity());
      out.writeInt(s.shards());
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
    int n = in.readInt();
    sections = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      sections.add(new Section(i, in.readString(), in.readString(), in.readLong(), in.readInt(),
          in.readInt()));
    }
  }
}
