package io.holdfast.contracts.core;

import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * An event's live counts, in all and per section (lapsed holds count as available); a reserved
 * section asked with its seats has its seat map, a string per row with a letter per seat:
 * {@code f} free, {@code h} held, {@code s} sold. Its JSON is what the public API shows.
 */
public record Availability(String eventId, Counts total, List<Section> sections)
    implements CoreReply {
  public Availability {
    sections = List.copyOf(sections);
  }

  /** How many tickets there are, and how many of them are available, held and sold. */
  public record Counts(int capacity, int available, int held, int sold) {
    JsonObject toJson() {
      return new JsonObject().put("capacity", capacity).put("available", available)
          .put("held", held).put("sold", sold);
    }

    static Counts fromJson(JsonObject json) {
      return new Counts(json.getInteger("capacity", 0), json.getInteger("available", 0),
          json.getInteger("held", 0), json.getInteger("sold", 0));
    }
  }

  /** One section's counts; {@code rows} is its seat map, or null (general, or not asked). */
  public record Section(String sectionId, SectionKind kind, Counts counts, List<SeatRow> rows) {
    public Section {
      rows = rows == null ? null : List.copyOf(rows);
    }

    JsonObject toJson() {
      JsonObject json = counts.toJson().put("sectionId", sectionId).put("kind", kind.wire());
      return rows == null ? json : json.put("rows", Json.array(rows, SeatRow::toJson));
    }

    static Section fromJson(JsonObject json) {
      return new Section(json.getString("sectionId"), SectionKind.of(json.getString("kind")),
          Counts.fromJson(json), json.getJsonArray("rows") == null ? null
              : Json.objects(json.getJsonArray("rows"), SeatRow::fromJson));
    }
  }

  /** A row of the seat map: its label and one letter per seat. */
  public record SeatRow(String label, String seats) {
    JsonObject toJson() {
      return new JsonObject().put("label", label).put("seats", seats);
    }

    static SeatRow fromJson(JsonObject json) {
      return new SeatRow(json.getString("label"), json.getString("seats"));
    }
  }

  public int capacity() {
    return total.capacity();
  }

  public int available() {
    return total.available();
  }

  public int held() {
    return total.held();
  }

  public int sold() {
    return total.sold();
  }

  /** The section named {@code sectionId}, or null. */
  public Section section(String sectionId) {
    for (Section s : sections) {
      if (s.sectionId().equals(sectionId)) {
        return s;
      }
    }
    return null;
  }

  /** {@code {capacity, available, held, sold, eventId, sections: [...]}}. */
  @Override
  public JsonObject toJson() {
    return total.toJson().put("eventId", eventId)
        .put("sections", Json.array(sections, Section::toJson));
  }

  public static Availability fromJson(JsonObject json) {
    return new Availability(json.getString("eventId"), Counts.fromJson(json),
        Json.objects(json.getJsonArray("sections"), Section::fromJson));
  }
}
