package io.holdfast.contracts.topic;

import io.vertx.core.json.JsonObject;
import java.util.UUID;

/**
 * The codec of the {@code tickets} topic, keyed by the event: {@code {type:
 * "ticket.transferred", ticketId, eventId, version, fromUserId, toUserId}}.
 */
public final class TicketsTopic {
  public static final String TRANSFERRED = "ticket.transferred";

  private TicketsTopic() {}

  public static JsonObject encode(TicketEvent event) {
    TicketEvent.Transferred t = (TicketEvent.Transferred) event;
    return new JsonObject().put("type", TRANSFERRED)
        .put("ticketId", t.ticketId().toString())
        .put("eventId", t.eventId().toString())
        .put("version", t.version())
        .put("fromUserId", t.fromUserId().toString())
        .put("toUserId", t.toUserId().toString());
  }

  /** The event a record carries; null for a type this version does not know. */
  public static TicketEvent decode(JsonObject json) {
    if (!TRANSFERRED.equals(json.getString("type"))) {
      return null;
    }
    return new TicketEvent.Transferred(UUID.fromString(json.getString("ticketId")),
        UUID.fromString(json.getString("eventId")), json.getInteger("version"),
        UUID.fromString(json.getString("fromUserId")), UUID.fromString(json.getString("toUserId")));
  }
}
