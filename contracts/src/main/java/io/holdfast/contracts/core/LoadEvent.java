package io.holdfast.contracts.core;

import io.holdfast.contracts.Addresses;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Load a published event's inventory into the grid (answered by {@link Loaded}). Times are
 * ISO-8601 instants; {@code endsAt} may be null. A rebuild ({@code rebuild}) brings what
 * PostgreSQL says is {@code sold}, and fills in only what the grid lost.
 *
 * <p>Its JSON is the event as the edge reads it from PostgreSQL (other fields are ignored), so
 * {@link #fromJson} takes an event row as it is.
 */
public record LoadEvent(String id, String currency, String salesStartAt, String salesEndAt,
    String endsAt, int maxPerBuyer, int holdSeconds, String status, List<Section> sections,
    List<SoldHold> sold, boolean rebuild) implements CoreRequest<Loaded> {

  public LoadEvent {
    sections = List.copyOf(sections);
    sold = List.copyOf(sold);
  }

  /** A section: a general one has a capacity and shards, a reserved one its rows. */
  public record Section(String id, SectionKind kind, long priceCents, int capacity, int shards,
      List<Row> rows) {
    public Section {
      rows = rows == null ? null : List.copyOf(rows);
    }

    JsonObject toJson() {
      JsonObject json = new JsonObject().put("id", id).put("kind", kind.wire())
          .put("priceCents", priceCents).put("capacity", capacity).put("shards", shards);
      return rows == null ? json : json.put("rows", Json.array(rows, Row::toJson));
    }

    static Section fromJson(JsonObject json) {
      return new Section(json.getString("id"), SectionKind.of(json.getString("kind")),
          json.getLong("priceCents", 0L), json.getInteger("capacity", 0),
          json.getInteger("shards", 0), json.getJsonArray("rows") == null ? null
              : Json.objects(json.getJsonArray("rows"), Row::fromJson));
    }
  }

  /** A row of a reserved section: its label and how many seats it has. */
  public record Row(String label, int seats) {
    JsonObject toJson() {
      return new JsonObject().put("label", label).put("seats", seats);
    }

    static Row fromJson(JsonObject json) {
      return new Row(json.getString("label"), json.getInteger("seats"));
    }
  }

  /** A hold PostgreSQL says is sold: its buyer and its tickets' slots in one section. */
  public record SoldHold(String holdId, String buyerId, String sectionId, List<Integer> slots,
      String createdAt) {
    public SoldHold {
      slots = List.copyOf(slots);
    }

    public JsonObject toJson() {
      return new JsonObject().put("holdId", holdId).put("buyerId", buyerId)
          .put("sectionId", sectionId).put("slots", Json.array(slots, s -> s))
          .put("createdAt", createdAt);
    }

    public static SoldHold fromJson(JsonObject json) {
      return new SoldHold(json.getString("holdId"), json.getString("buyerId"),
          json.getString("sectionId"), Json.integers(json.getJsonArray("slots")),
          json.getString("createdAt"));
    }
  }

  /** The statuses (as the edge keeps them) after which an event never sells again. */
  public boolean finished() {
    return "cancelled".equals(status) || "ended".equals(status);
  }

  /** The same event, to rebuild with what PostgreSQL says is sold. */
  public LoadEvent rebuilding(List<SoldHold> soldHolds) {
    return new LoadEvent(id, currency, salesStartAt, salesEndAt, endsAt, maxPerBuyer,
        holdSeconds, status, sections, soldHolds, true);
  }

  @Override
  public String address() {
    return Addresses.LOAD_EVENT;
  }

  @Override
  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("id", id).put("currency", currency)
        .put("salesStartAt", salesStartAt).put("salesEndAt", salesEndAt).put("endsAt", endsAt)
        .put("maxPerBuyer", maxPerBuyer).put("holdSeconds", holdSeconds).put("status", status)
        .put("sections", Json.array(sections, Section::toJson));
    if (!sold.isEmpty()) {
      json.put("sold", Json.array(sold, SoldHold::toJson));
    }
    return rebuild ? json.put("rebuild", true) : json;
  }

  public static LoadEvent fromJson(JsonObject json) {
    return new LoadEvent(json.getString("id"), json.getString("currency"),
        json.getString("salesStartAt"), json.getString("salesEndAt"), json.getString("endsAt"),
        json.getInteger("maxPerBuyer", 0), json.getInteger("holdSeconds", 0),
        json.getString("status"), Json.objects(json.getJsonArray("sections"),
            Section::fromJson),
        Json.objects(json.getJsonArray("sold"), SoldHold::fromJson),
        json.getBoolean("rebuild", false));
  }
}
