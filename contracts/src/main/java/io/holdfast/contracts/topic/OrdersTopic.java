package io.holdfast.contracts.topic;

import io.vertx.core.json.JsonObject;
import java.util.UUID;

/**
 * The codec of the {@code orders} topic: {@code {type, orderId, paymentId, holdId, eventId,
 * reason?}}, keyed by the event; {@code type} is {@code order.confirmed} or
 * {@code order.refunded}.
 */
public final class OrdersTopic {
  public static final String CONFIRMED = "order.confirmed";
  public static final String REFUNDED = "order.refunded";

  private OrdersTopic() {}

  public static JsonObject encode(OrderEvent event) {
    JsonObject json = new JsonObject()
        .put("type", event instanceof OrderEvent.Refunded ? REFUNDED : CONFIRMED)
        .put("orderId", event.orderId().toString())
        .put("paymentId", event.paymentId().toString())
        .put("holdId", event.holdId().toString())
        .put("eventId", event.eventId().toString());
    if (event instanceof OrderEvent.Refunded r && r.reason() != null) {
      json.put("reason", r.reason());
    }
    return json;
  }

  /** The event a record carries; null for a type this version does not know. */
  public static OrderEvent decode(JsonObject json) {
    String type = json.getString("type");
    UUID orderId = UUID.fromString(json.getString("orderId"));
    UUID paymentId = UUID.fromString(json.getString("paymentId"));
    UUID holdId = UUID.fromString(json.getString("holdId"));
    UUID eventId = UUID.fromString(json.getString("eventId"));
    if (CONFIRMED.equals(type)) {
      return new OrderEvent.Confirmed(orderId, paymentId, holdId, eventId);
    }
    return REFUNDED.equals(type)
        ? new OrderEvent.Refunded(orderId, paymentId, holdId, eventId, json.getString("reason"))
        : null;
  }
}
