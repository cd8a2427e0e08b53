package io.holdfast.payment;

import io.holdfast.contracts.Addresses;
import io.holdfast.contracts.Topics;
import io.holdfast.contracts.problem.BusProblems;
import io.holdfast.contracts.problem.ProblemException;
import io.holdfast.payment.OrderLedger.Outcome;
import io.holdfast.payment.OrderLedger.Payment;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settles one payment outcome: a success becomes a confirmed order with tickets (or a refund
 * when the seats are gone), a failure gives the seats back. Idempotent by payment ID, so a
 * redelivered or concurrently duplicated record settles the payment once.
 */
final class Settlement {
  private static final Logger LOG = LoggerFactory.getLogger(Settlement.class);

  static final String DOUBLE_SALE_PREVENTED = "double-sale-prevented";
  static final String EVENT_CANCELLED = "event-cancelled";

  private final Vertx vertx;
  private final OrderLedger ledger;
  private final KafkaProducer<String, String> producer;
  private final DeliveryOptions delivery;

  Settlement(Vertx vertx, OrderLedger ledger, KafkaProducer<String, String> producer,
      long busTimeoutMillis) {
    this.vertx = vertx;
    this.ledger = ledger;
    this.producer = producer;
    this.delivery = new DeliveryOptions().setSendTimeout(busTimeoutMillis);
  }

  /**
   * Handles one record of the payments topic. Fails only when trying again may help (the
   * database or the core did not answer); a record that can never succeed is logged and done.
   */
  Future<Void> handle(KafkaConsumerRecord<String, String> record) {
    JsonObject message;
    UUID paymentId;
    try {
      message = new JsonObject(record.value());
      paymentId = UUID.fromString(message.getString("paymentId"));
    } catch (RuntimeException e) {
      LOG.warn("Skipping malformed record {}-{}@{}: {}", record.topic(), record.partition(),
          record.offset(), e.toString());
      return Future.succeededFuture();
    }
    String type = message.getString("type", "");
    Future<Void> handled = switch (type) {
      case "payment.succeeded" -> succeeded(paymentId);
      case "payment.failed" -> failed(paymentId, message.getString("holdId"));
      case "refund.requested" -> refundRequested(message);
      default -> {
        LOG.debug("Ignoring {} record for payment {}", type, paymentId);
        yield Future.succeededFuture();
      }
    };
    return handled.recover(t -> {
      if (t instanceof ProblemException pe && pe.problem().status() < 500) {
        // The core refused for good (e.g. a malformed request): retrying would block the partition.
        LOG.error("Giving up on {} of payment {}: the core answered {}", type, paymentId,
            pe.problem().toJson().encode());
        return Future.succeededFuture();
      }
      return Future.failedFuture(t);
    });
  }

  private Future<Void> succeeded(UUID paymentId) {
    return ledger.payment(paymentId).compose(payment -> {
      if (payment == null) {
        LOG.warn("Payment {} succeeded but is unknown here; nothing to confirm", paymentId);
        return Future.succeededFuture();
      }
      if (payment.orderId() != null) {
        LOG.debug("Payment {} already settled as order {}", paymentId, payment.orderId());
        return Future.succeededFuture();
      }
      return request(Addresses.CONFIRM, new JsonObject().put("holdId", payment.holdId().toString()))
          .compose(reply -> switch (reply.getString("status", "")) {
            case "confirmed" -> confirmed(payment, reply);
            case "unavailable" -> refund(payment, reply.getString("reason", "seats-unavailable"));
            default -> Future.failedFuture(new IllegalStateException(
                "unexpected answer to confirm hold " + payment.holdId() + ": " + reply.encode()));
          });
    });
  }

  private Future<Void> confirmed(Payment payment, JsonObject reply) {
    List<OrderLedger.Ticket> tickets = new ArrayList<>();
    for (Object t : reply.getJsonArray("tickets", new JsonArray())) {
      JsonObject ticket = (JsonObject) t;
      tickets.add(new OrderLedger.Ticket(ticket.getString("sectionId"),
          ticket.getInteger("slot"), ticket.getString("seat")));
    }
    UUID orderId = UUID.randomUUID();
    return ledger.confirm(payment, orderId, tickets).compose(outcome -> {
      if (outcome == Outcome.RECORDED) {
        LOG.info("Order {} confirmed: payment {}, hold {}, event {}, {} ticket(s) {}",
            orderId, payment.id(), payment.holdId(), payment.eventId(), tickets.size(),
            tickets);
        return publish("order.confirmed", orderId, payment, null);
      }
      if (outcome == Outcome.DOUBLE_SALE) {
        LOG.error("Double sale prevented: hold {} of event {} was given tickets {} that already "
                + "have live tickets; refunding payment {}", payment.holdId(),
            payment.eventId(), tickets, payment.id());
        return refund(payment, DOUBLE_SALE_PREVENTED);
      }
      if (outcome == Outcome.EVENT_CANCELLED) {
        LOG.info("Payment {} succeeded after event {} was cancelled; refunding it",
            payment.id(), payment.eventId());
        return refund(payment, EVENT_CANCELLED);
      }
      LOG.debug("Payment {} was settled by another delivery", payment.id());
      return Future.succeededFuture();
    });
  }

  /**
   * Refunds a confirmed order on request (its event was cancelled): order refunded, tickets
   * void, payment refunded. Idempotent by order: a repeat finds the order refunded already.
   */
  private Future<Void> refundRequested(JsonObject message) {
    UUID orderId;
    try {
      orderId = UUID.fromString(message.getString("orderId"));
    } catch (RuntimeException e) {
      LOG.warn("Skipping a refund request without a valid orderId: {}", message.encode());
      return Future.succeededFuture();
    }
    String reason = message.getString("reason", "refund-requested");
    return ledger.refundOrder(orderId, reason).compose(payment -> {
      if (payment == null) {
        LOG.debug("Order {} is not confirmed (refunded already, or unknown); nothing to refund",
            orderId);
        return Future.succeededFuture();
      }
      // The simulated provider's refund is this status change; Stripe refunds come later.
      LOG.info("Order {} refunded ({} {} by the simulated provider, {}): payment {}, event {}; "
              + "its tickets are void", orderId, payment.amountCents(), payment.currency(),
          reason, payment.id(), payment.eventId());
      return publish("order.refunded", orderId, payment, reason);
    });
  }

  private Future<Void> refund(Payment payment, String reason) {
    UUID orderId = UUID.randomUUID();
    return ledger.refund(payment, orderId, reason).compose(outcome -> {
      if (outcome != Outcome.RECORDED) {
        LOG.debug("Payment {} was settled by another delivery", payment.id());
        return Future.succeededFuture();
      }
      // The simulated provider's refund is this status change; Stripe refunds come later.
      LOG.info("Payment {} refunded ({} {} by the simulated provider): hold {} of event {} "
              + "could not be confirmed ({}); order {} recorded as refunded", payment.id(),
          payment.amountCents(), payment.currency(), payment.holdId(), payment.eventId(), reason,
          orderId);
      return publish("order.refunded", orderId, payment, reason);
    });
  }

  private Future<Void> failed(UUID paymentId, String holdIdInMessage) {
    return ledger.markFailed(paymentId).compose(holdId -> {
      if (holdId == null) {
        LOG.info("Payment {} failed but is unknown or already settled; hold {} left as it is",
            paymentId, holdIdInMessage);
        return Future.succeededFuture();
      }
      return request(Addresses.ABANDON, new JsonObject().put("holdId", holdId.toString()))
          .<Void>map(reply -> {
            LOG.info("Payment {} failed; hold {} abandoned ({})", paymentId, holdId,
                reply.getString("status"));
            return null;
          })
          .recover(t -> {
            if (t instanceof ProblemException pe && pe.problem().status() == 404) {
              LOG.info("Payment {} failed; hold {} is no longer known to the core", paymentId,
                  holdId);
              return Future.succeededFuture();
            }
            return Future.failedFuture(t);
          });
    });
  }

  /**
   * Announces the outcome. A failed send is logged, not retried: the order is already committed
   * and a redelivery finds it and does nothing (an outbox will close this gap).
   */
  private Future<Void> publish(String type, UUID orderId, Payment payment, String reason) {
    JsonObject event = new JsonObject().put("type", type)
        .put("orderId", orderId.toString())
        .put("paymentId", payment.id().toString())
        .put("holdId", payment.holdId().toString())
        .put("eventId", payment.eventId().toString());
    if (reason != null) {
      event.put("reason", reason);
    }
    String key = payment.eventId().toString();
    return producer.send(KafkaProducerRecord.create(Topics.ORDERS, key, event.encode()))
        .<Void>mapEmpty()
        .recover(t -> {
          LOG.error("Could not publish {} for order {} (payment {})", type, orderId,
              payment.id(), t);
          return Future.succeededFuture();
        });
  }

  private Future<JsonObject> request(String address, JsonObject body) {
    return BusProblems.unwrapped(vertx.eventBus().<JsonObject>request(address, body, delivery)
        .map(Message::body));
  }
}
