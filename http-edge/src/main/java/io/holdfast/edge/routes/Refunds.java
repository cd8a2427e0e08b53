package io.holdfast.edge.routes;

import io.holdfast.contracts.Topics;
import io.holdfast.edge.auth.Caller;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the payment-worker to refund confirmed orders: one {@code refund.requested} record per
 * order on the payments topic, keyed by the event, written to the outbox first so that a
 * request answered is never lost. The worker refunds each order once (through Stripe when the
 * payment went through it), so asking again is harmless.
 */
final class Refunds {
  private static final Logger LOG = LoggerFactory.getLogger(Refunds.class);
  private static final int PAGE = 500;
  private static final UUID FIRST_ID = new UUID(0L, 0L);

  private final Edge edge;

  Refunds(Edge edge) {
    this.edge = edge;
  }

  /**
   * Requests the refund of one order, given as {@code {orderId, paymentId, holdId, userId,
   * amountCents, currency}} (as {@code OrderRepository} reads it).
   */
  Future<Void> request(UUID eventId, JsonObject order, String reason, Caller caller) {
    return send(eventId, List.of(order), reason, caller);
  }

  /** Requests the refund of every confirmed order of the event, a page at a time. */
  Future<Integer> requestAll(UUID eventId, String reason, Caller caller) {
    return requestAll(eventId, reason, caller, FIRST_ID, 0);
  }

  private Future<Integer> requestAll(UUID eventId, String reason, Caller caller, UUID after,
      int sent) {
    return edge.orders().confirmedOf(eventId, after, PAGE).compose(orders ->
        send(eventId, orders, reason, caller).compose(all -> {
          int total = sent + orders.size();
          if (orders.size() == PAGE) {
            UUID last = UUID.fromString(orders.get(orders.size() - 1).getString("orderId"));
            return requestAll(eventId, reason, caller, last, total);
          }
          if (total > 0) {
            LOG.info("Event {}: {} refund(s) requested", eventId, total);
          }
          return Future.succeededFuture(total);
        }));
  }

  private Future<Void> send(UUID eventId, List<JsonObject> orders, String reason,
      Caller caller) {
    String now = Instant.now().toString();
    List<JsonObject> requests = orders.stream().map(order -> order.copy()
        .put("type", "refund.requested").put("eventId", eventId.toString())
        .put("reason", reason).put("requestedBy", caller.id()).put("requestedAt", now))
        .toList();
    return edge.payments().enqueue(Topics.PAYMENTS, eventId.toString(), requests);
  }
}
