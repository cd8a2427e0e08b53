package io.holdfast.testkit;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;

/**
 * The body of {@code POST /v1/events}, as an organizer sends it: starting in ten days for three
 * hours, on sale from a minute ago, in EUR, 10 per buyer, holds of 300 s, unless told otherwise.
 * Sections are added in order. (The core's own load request is {@link EventLoad}.)
 */
public final class EventBody {
  private final Instant now;
  private final JsonObject json = new JsonObject();
  private final JsonArray sections = new JsonArray();

  private EventBody(String name, Instant now) {
    this.now = now;
    json.put("name", name).put("currency", "EUR").put("maxPerBuyer", 10).put("holdSeconds", 300)
        .put("salesStartAt", now.minusSeconds(60).toString()).put("sections", sections);
    startsIn(Duration.ofDays(10), Duration.ofHours(3));
  }

  public static EventBody named(String name) {
    return named(name, Instant.now());
  }

  /** An event whose times count from {@code now}. */
  public static EventBody named(String name, Instant now) {
    return new EventBody(name, now);
  }

  /** Starts {@code in} from now and lasts {@code lasting}. */
  public EventBody startsIn(Duration in, Duration lasting) {
    json.put("startsAt", now.plus(in).toString())
        .put("endsAt", now.plus(in).plus(lasting).toString());
    return this;
  }

  public EventBody maxPerBuyer(int max) {
    json.put("maxPerBuyer", max);
    return this;
  }

  public EventBody holdSeconds(int seconds) {
    json.put("holdSeconds", seconds);
    return this;
  }

  /** Any other field, such as a description or a venue. */
  public EventBody put(String field, Object value) {
    json.put(field, value);
    return this;
  }

  public EventBody general(String id, long priceCents, int capacity) {
    sections.add(new JsonObject().put("id", id).put("kind", "general")
        .put("priceCents", priceCents).put("capacity", capacity));
    return this;
  }

  /** A reserved section of the given rows (see {@link EventLoad#row}). */
  public EventBody reserved(String id, long priceCents, JsonObject... rows) {
    JsonArray list = new JsonArray();
    for (JsonObject row : rows) {
      list.add(row);
    }
    sections.add(new JsonObject().put("id", id).put("kind", "reserved")
        .put("priceCents", priceCents).put("rows", list));
    return this;
  }

  /** The body (a copy: the builder may go on). */
  public JsonObject json() {
    return json.copy();
  }
}
