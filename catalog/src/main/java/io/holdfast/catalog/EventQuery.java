package io.holdfast.catalog;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Which events a list shows: any of {@code statuses}; {@code q}, a case-insensitive substring
 * of name, venue or description; {@code category}, matched case-insensitively; {@code from}
 * (inclusive) and {@code to} (exclusive) on the start time; {@code organizerId}, one
 * organizer's events; {@code ids}, only these events. A null member does not filter.
 */
public record EventQuery(List<String> statuses, String q, String category, Instant from,
    Instant to, UUID organizerId, List<UUID> ids) {

  public EventQuery withOrganizer(UUID organizer) {
    return new EventQuery(statuses, q, category, from, to, organizer, ids);
  }

  public EventQuery withIds(List<UUID> only) {
    return new EventQuery(statuses, q, category, from, to, organizerId, List.copyOf(only));
  }
}
