package io.holdfast.contracts.topic;

import io.vertx.core.json.JsonObject;
import java.util.UUID;

/**
 * The codec of the {@code payments} topic: a JSON object with the {@code type} of its
 * {@link PaymentEvent.Kind}, {@code paymentId}, {@code holdId}, {@code eventId} and the fields
 * of its kind, keyed by the event.
 */
public final class PaymentsTopic {
  private PaymentsTopic() {}

  /**
   * A payment's outcome as it is reported: {@code extra} may carry the refund's
   * {@code refundId}, {@code amountRefunded} and {@code amount}, and the {@link
   * PaymentEvent.Report}'s {@code source}, {@code stripeEventId} and {@code stripeStatus}.
   */
  public static PaymentEvent outcome(PaymentEvent.Kind kind, UUID paymentId, UUID holdId,
      UUID eventId, JsonObject extra) {
    PaymentEvent.Report report = new PaymentEvent.Report(extra.getString("source"),
        extra.getString("stripeEventId"), extra.getString("stripeStatus"));
    return switch (kind) {
      case SUCCEEDED -> new PaymentEvent.Succeeded(paymentId, holdId, eventId, report);
      case FAILED -> new PaymentEvent.Failed(paymentId, holdId, eventId, report);
      case CANCELED -> new PaymentEvent.Canceled(paymentId, holdId, eventId, report);
      case REFUNDED -> new PaymentEvent.Refunded(paymentId, holdId, eventId,
          extra.getString("refundId"), extra.getLong("amountRefunded"), extra.getLong("amount"),
          report);
      case REFUND_REQUESTED -> throw new IllegalArgumentException("not an outcome: " + kind);
    };
  }

  public static JsonObject encode(PaymentEvent event) {
    JsonObject json = new JsonObject().put("type", event.kind().type())
        .put("paymentId", event.paymentId().toString()).put("holdId", text(event.holdId()))
        .put("eventId", text(event.eventId()));
    if (event instanceof PaymentEvent.Succeeded e) {
      put(json, e.report());
    } else if (event instanceof PaymentEvent.Failed e) {
      put(json, e.report());
    } else if (event instanceof PaymentEvent.Canceled e) {
      put(json, e.report());
    } else if (event instanceof PaymentEvent.Refunded e) {
      put(json.put("refundId", e.refundId()).put("amountRefunded", e.amountRefunded())
          .put("amount", e.amount()), e.report());
    } else if (event instanceof PaymentEvent.RefundRequested e) {
      json.put("orderId", text(e.orderId())).put("userId", text(e.userId()))
          .put("amountCents", e.amountCents()).put("currency", e.currency())
          .put("reason", e.reason()).put("requestedBy", e.requestedBy())
          .put("requestedAt", e.requestedAt());
    }
    return withoutNulls(json);
  }

  /**
   * The event a record carries; null for a type this version does not know. A malformed record
   * (no payment ID, an ID that is not a UUID) is an {@link IllegalArgumentException}.
   */
  public static PaymentEvent decode(JsonObject json) {
    PaymentEvent.Kind kind = PaymentEvent.Kind.of(json.getString("type"));
    if (kind == null) {
      return null;
    }
    String payment = json.getString("paymentId");
    if (payment == null) {
      throw new IllegalArgumentException("no paymentId");
    }
    UUID paymentId = UUID.fromString(payment);
    UUID holdId = uuid(json.getString("holdId"));
    UUID eventId = uuid(json.getString("eventId"));
    if (kind != PaymentEvent.Kind.REFUND_REQUESTED) {
      return outcome(kind, paymentId, holdId, eventId, json);
    }
    return new PaymentEvent.RefundRequested(uuid(json.getString("orderId")), paymentId, holdId,
        uuid(json.getString("userId")), eventId, json.getLong("amountCents", 0L),
        json.getString("currency"), json.getString("reason"), json.getString("requestedBy"),
        json.getString("requestedAt"));
  }

  private static void put(JsonObject json, PaymentEvent.Report report) {
    json.put("source", report.source()).put("stripeEventId", report.stripeEventId())
        .put("stripeStatus", report.stripeStatus());
  }

  private static String text(UUID id) {
    return id == null ? null : id.toString();
  }

  private static UUID uuid(String s) {
    return s == null ? null : UUID.fromString(s);
  }

  private static JsonObject withoutNulls(JsonObject json) {
    json.getMap().values().removeIf(v -> v == null);
    return json;
  }
}
