package io.holdfast.core.hold;

import io.holdfast.contracts.problem.Problem;
import io.holdfast.core.event.EventInfo;
import io.vertx.core.json.JsonArray;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Turns a hold's seat IDs into slots, grouped by section, or says what is wrong with them. */
final class SeatRequest {
  private SeatRequest() {}

  /** Fills the hold's sections and slots; answers a 422 when a seat is unknown or repeated. */
  static Problem resolve(EventInfo event, PendingHold h) {
    List<String> ids = h.request.seats();
    if (ids.isEmpty()) {
      return Problem.of(422, "validation", "Invalid request", "seats must name at least one seat");
    }
    Map<EventInfo.Section, List<Integer>> bySection = new LinkedHashMap<>();
    List<String> unknown = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String id : ids) {
      EventInfo.Seat seat = id == null ? null : event.seat(id);
      if (seat == null) {
        unknown.add(String.valueOf(id));
      } else if (!seen.add(id)) {
        return Problem.of(422, "validation", "Invalid request", "Seat " + id
            + " is named twice");
      } else {
        bySection.computeIfAbsent(seat.section(), k -> new ArrayList<>()).add(seat.slot());
      }
    }
    if (!unknown.isEmpty()) {
      return Problem.of(422, "unknown-seat", "Unknown seat", "Event " + event.eventId()
              + " has no seat " + String.join(", ", unknown))
          .with("unknownSeats", new JsonArray(List.copyOf(unknown)));
    }
    h.seatParts = new ArrayList<>(bySection.size());
    bySection.forEach((section, slots) -> h.seatParts.add(new PendingHold.SeatPart(section,
        slots.stream().mapToInt(Integer::intValue).toArray())));
    h.section = h.seatParts.get(0).section();
    return null;
  }
}
