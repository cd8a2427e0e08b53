package io.holdfast.notify.events;

import io.vertx.core.json.JsonObject;
import java.util.UUID;

/**
 * A {@code ticket.transferred} record of the tickets topic, as notify reads it: {@code ticketId,
 * eventId, version, fromUserId, toUserId, messageId}. Null from {@link #read} for another type.
 */
record TicketTransferred(UUID ticketId, UUID eventId, long version, UUID fromUserId,
    UUID toUserId) {
  static final String TYPE = "ticket.transferred";

  static TicketTransferred read(JsonObject json) {
    if (!TYPE.equals(json.getString("type"))) {
      return null;
    }
    return new TicketTransferred(UUID.fromString(json.getString("ticketId")),
        UUID.fromString(json.getString("eventId")), json.getLong("version"),
        UUID.fromString(json.getString("fromUserId")), UUID.fromString(json.getString("toUserId")));
  }
}
