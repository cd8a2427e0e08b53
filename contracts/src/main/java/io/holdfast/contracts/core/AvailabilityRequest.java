package io.holdfast.contracts.core;

import io.holdfast.contracts.Addresses;
import io.vertx.core.json.JsonObject;

/** Live counts of an event, with each reserved section's seat map unless {@code seats} is false. */
public record AvailabilityRequest(String eventId, boolean seats)
    implements CoreRequest<Availability> {

  /** Counts and seat maps. */
  public static AvailabilityRequest of(String eventId) {
    return new AvailabilityRequest(eventId, true);
  }

  /** Counts only. */
  public static AvailabilityRequest counts(String eventId) {
    return new AvailabilityRequest(eventId, false);
  }

  @Override
  public String address() {
    return Addresses.AVAILABILITY;
  }

  @Override
  public JsonObject toJson() {
    return new JsonObject().put("eventId", eventId).put("seats", seats);
  }

  public static AvailabilityRequest fromJson(JsonObject json) {
    return new AvailabilityRequest(json.getString("eventId"), json.getBoolean("seats", true));
  }
}
