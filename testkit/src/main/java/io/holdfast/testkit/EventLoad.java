package io.holdfast.testkit;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.UUID;

/**
 * The core's load request of an event, as the edge sends it: on sale from a minute ago for an
 * hour, in EUR, unless told otherwise. Sections are added in order.
 */
public final class EventLoad {
  private final JsonObject json = new JsonObject();
  private final JsonArray sections = new JsonArray();

  private EventLoad(String id, Instant now) {
    json.put("id", id).put("currency", "EUR")
        .put("salesStartAt", now.minusSeconds(60).toString())
        .put("salesEndAt", now.plusSeconds(3600).toString())
        .put("maxPerBuyer", 4).put("holdSeconds", 600).put("sections", sections);
  }

  /** A new event (random ID) on sale now. */
  public static EventLoad onSale() {
    return onSale(UUID.randomUUID().toString(), Instant.now());
  }

  /** An event on sale from a minute before {@code now}, for tests on a clock of their own. */
  public static EventLoad onSale(String id, Instant now) {
    return new EventLoad(id, now);
  }

  public EventLoad sales(Instant start, Instant end) {
    json.put("salesStartAt", start.toString()).put("salesEndAt", end.toString());
    return this;
  }

  public EventLoad endsAt(Instant endsAt) {
    json.put("endsAt", endsAt.toString());
    return this;
  }

  public EventLoad maxPerBuyer(int max) {
    json.put("maxPerBuyer", max);
    return this;
  }

  public EventLoad holdSeconds(int seconds) {
    json.put("holdSeconds", seconds);
    return this;
  }

  /** A general-admission section of {@code capacity} places over {@code shards}. */
  public EventLoad general(String id, long priceCents, int capacity, int shards) {
    sections.add(new JsonObject().put("id", id).put("kind", "general")
        .put("priceCents", priceCents).put("capacity", capacity).put("shards", shards));
    return this;
  }

  /** A reserved section of the given rows (see {@link #row}). */
  public EventLoad reserved(String id, long priceCents, JsonObject... rows) {
    sections.add(reservedSection(id, priceCents, rows));
    return this;
  }

  public static JsonObject reservedSection(String id, long priceCents, JsonObject... rows) {
    JsonArray list = new JsonArray();
    for (JsonObject row : rows) {
      list.add(row);
    }
    return new JsonObject().put("id", id).put("kind", "reserved").put("priceCents", priceCents)
        .put("shards", 1).put("rows", list);
  }

  public static JsonObject row(String label, int seats) {
    return new JsonObject().put("label", label).put("seats", seats);
  }

  public String id() {
    return json.getString("id");
  }

  /** The request (a copy: the builder may go on). */
  public JsonObject json() {
    return json.copy();
  }
}
