package io.holdfast.edge.routes;

import io.holdfast.contracts.topic.PaymentEvent;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.net.Webhook;
import io.holdfast.contracts.problem.Problem;
import io.holdfast.contracts.problem.Problems;
import io.holdfast.edge.http.Reply;
import io.holdfast.edge.http.RequestIds;
import io.holdfast.support.log.LogFields;
import io.holdfast.ledger.payment.StripeEventRepository;
import io.holdfast.support.metrics.Meters;
import io.holdfast.support.payment.StripeSettings;
import io.micrometer.core.instrument.Counter;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static io.holdfast.edge.http.Responses.handle;

/**
 * Stripe's webhook endpoint. The signature is verified on the raw body with stripe-java (so a
 * body re-serialized after signing fails), its timestamp must be neither older than the
 * tolerance nor from the future, and the same signed request twice is a replay. A verified
 * event is recorded once, with its effect in the outbox, before Stripe gets its 200; events of
 * one intent may come in any order and any number of times (the payment-worker settles each
 * payment once).
 */
public final class StripeWebhookRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(StripeWebhookRoutes.class);
  /** How far ahead of our clock a signed timestamp may be (clock skew), in seconds. */
  private static final long FUTURE_SKEW_SECONDS = 60;
  /** The Stripe events that move a payment, and the payment-worker's name for each. */
  private static final Map<String, PaymentEvent.Kind> OUTCOMES = Map.of(
      "payment_intent.succeeded", PaymentEvent.Kind.SUCCEEDED,
      "payment_intent.payment_failed", PaymentEvent.Kind.FAILED,
      "payment_intent.canceled", PaymentEvent.Kind.CANCELED,
      "charge.refunded", PaymentEvent.Kind.REFUNDED);

  private final StripeEventRepository events;
  private final String secret;
  private final long toleranceSeconds;
  /** Verified deliveries by what became of them (duplicates are Stripe's retries). */
  private final Map<StripeEventRepository.Result, Counter> received =
      new EnumMap<>(StripeEventRepository.Result.class);

  public StripeWebhookRoutes(StripeEventRepository events, JsonObject config, Meters meters) {
    this.events = events;
    for (StripeEventRepository.Result result : StripeEventRepository.Result.values()) {
      received.put(result, meters.counter("holdfast_stripe_webhooks_total",
          "Stripe webhook deliveries with a valid signature, by what became of them",
          "result", result.name().toLowerCase(Locale.ROOT)));
    }
    String configured = StripeSettings.WEBHOOK_SECRET.string(config, "");
    this.secret = configured.isBlank() ? null : configured;
    this.toleranceSeconds = StripeSettings.WEBHOOK_TOLERANCE_SECONDS.integer(config);
  }

  public void mount(Router router) {
    router.post("/v1/payments/stripe/webhook").handler(handle(this::webhook));
  }

  private Future<Reply> webhook(RoutingContext ctx) {
    if (secret == null) {
      return Future.failedFuture(Problems.notFound("Stripe webhooks (not configured)")
          .toException());
    }
    Buffer raw = ctx.body().buffer();
    String payload = raw == null ? "" : raw.toString(StandardCharsets.UTF_8);
    String header = ctx.request().getHeader("Stripe-Signature");
    verify(payload, header);
    JsonObject event;
    try {
      event = new JsonObject(payload);
    } catch (DecodeException e) {
      throw Problems.invalid("The body is not a Stripe event").toException();
    }
    String id = event.getString("id");
    String type = event.getString("type");
    JsonObject object = event.getJsonObject("data", new JsonObject())
        .getJsonObject("object", new JsonObject());
    if (id == null || type == null) {
      throw Problems.invalid("The body is not a Stripe event").toException();
    }
    String intentId = type.startsWith("payment_intent.") ? object.getString("id")
        : object.getString("payment_intent");
    String requestId = RequestIds.of(ctx);
    return events.record(header, id, type, intentId, OUTCOMES.get(type), extra(type, object),
            requestId)
        .map(result -> {
          received.get(result).increment();
          if (result == StripeEventRepository.Result.REPLAYED) {
            LogFields.requestId(LOG.atWarn(), requestId).log("Stripe webhook {} ({}) replayed "
                + "with the same signature; refused", id, type);
            throw invalidSignature("This signed request was received before");
          }
          LogFields.requestId(LOG.atInfo(), requestId).log("Stripe event {} ({}, intent {}): {}",
              id, type, intentId, result);
          return Reply.ok(new JsonObject().put("received", true)
              .put("duplicate", result == StripeEventRepository.Result.DUPLICATE));
        });
  }

  /** Stripe's signature over {@code t.body}, by stripe-java; and a timestamp not ahead of us. */
  private void verify(String payload, String header) {
    if (header == null || header.isBlank()) {
      throw invalidSignature("The Stripe-Signature header is missing");
    }
    try {
      Webhook.Signature.verifyHeader(payload, header, secret, toleranceSeconds);
    } catch (SignatureVerificationException e) {
      throw invalidSignature(e.getMessage());
    }
    long now = System.currentTimeMillis() / 1000;
    for (String part : header.split(",")) {
      if (part.startsWith("t=")) {
        long t;
        try {
          t = Long.parseLong(part.substring(2).trim());
        } catch (NumberFormatException e) {
          throw invalidSignature("The signature's timestamp is not a number");
        }
        if (t > now + FUTURE_SKEW_SECONDS) {
          throw invalidSignature("The signature's timestamp is in the future");
        }
      }
    }
  }

  /**
   * What the payment-worker needs beyond the payment: for a refund, the latest refund's ID and
   * how much of the charge is refunded so far (Stripe's running total, so a partial refund is
   * told from a full one however the events are ordered).
   */
  private static JsonObject extra(String type, JsonObject object) {
    JsonObject extra = new JsonObject();
    if ("charge.refunded".equals(type)) {
      putAmount(extra, "amountRefunded", object.getValue("amount_refunded"));
      putAmount(extra, "amount", object.getValue("amount"));
      JsonArray refunds = object.getJsonObject("refunds", new JsonObject())
          .getJsonArray("data", new JsonArray());
      if (!refunds.isEmpty() && refunds.getValue(0) instanceof JsonObject first) {
        extra.put("refundId", first.getString("id"));
      }
    }
    return extra;
  }

  /** Copies a whole number of cents; anything else is left out (and counts as a full refund). */
  private static void putAmount(JsonObject extra, String key, Object value) {
    if (value instanceof Integer || value instanceof Long) {
      extra.put(key, ((Number) value).longValue());
    }
  }

  private static RuntimeException invalidSignature(String detail) {
    return Problem.of(400, "webhook-signature-invalid", "Invalid webhook signature", detail)
        .toException();
  }
}
