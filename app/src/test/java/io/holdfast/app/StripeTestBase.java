package io.holdfast.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.testkit.stripe.StripeSigner;
import io.holdfast.testkit.stripe.StripeStandIn;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Payments through Stripe: checkout on an edge whose provider is Stripe (the stand-in answers
 * for Stripe's servers), webhooks signed as Stripe signs them, and the money invariants checked
 * in PostgreSQL.
 */
abstract class StripeTestBase extends DoorTestBase {
  StripeStandIn stripe;
  StripeSigner signer;
  WebClient stripeEdge;

  @BeforeEach
  void stripe(Vertx vertx) {
    stripe = TestPlatform.stripe();
    signer = new StripeSigner(TestPlatform.WEBHOOK_SECRET);
    stripeEdge = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
        .setDefaultPort(TestPlatform.stripeEdgePort()));
  }

  @AfterEach
  void closeStripeEdge() {
    stripeEdge.close();
  }

  /** A hold of {@code quantity} by {@code buyer}: its JSON. */
  JsonObject hold(String buyer, String eventId, int quantity) {
    HttpResponse<Buffer> hold = org.hold(buyer, eventId, quantity);
    assertThat(hold.statusCode()).as(hold.bodyAsString()).isEqualTo(201);
    return hold.bodyAsJsonObject();
  }

  HttpResponse<Buffer> checkoutCall(String buyer, String holdId, String key) {
    return Api.await(stripeEdge.post("/v1/holds/" + holdId + "/checkout")
        .bearerTokenAuthentication(buyer).putHeader("Idempotency-Key", key).send());
  }

  /** Checkout through Stripe: the payment, with its intent. */
  JsonObject checkout(String buyer, String holdId) {
    HttpResponse<Buffer> r = checkoutCall(buyer, holdId, holdId);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
    JsonObject payment = r.bodyAsJsonObject();
    assertThat(payment.getString("provider")).isEqualTo("stripe");
    return payment;
  }

  /** A hold of {@code quantity} by {@code buyer}, checked out through Stripe: the payment. */
  JsonObject pay(String buyer, String eventId, int quantity) {
    return checkout(buyer, hold(buyer, eventId, quantity).getString("holdId"));
  }

  /** Stripe declines the payment's card: the webhook arrives, and the payment is failed. */
  void decline(JsonObject payment) {
    deliver(stripeEvent("payment_intent.payment_failed",
        stripe.setStatus(payment.getString("intentId"), "requires_payment_method")));
    assertThat(paymentBecomes(payment.getString("paymentId"), "failed")).isTrue();
  }

  /** A Stripe event about {@code object}, as Stripe sends it. */
  static JsonObject stripeEvent(String type, JsonObject object) {
    return new JsonObject().put("id", "evt_" + UUID.randomUUID().toString().replace("-", ""))
        .put("object", "event").put("api_version", "2025-09-30.clover")
        .put("created", System.currentTimeMillis() / 1000).put("livemode", false)
        .put("type", type).put("data", new JsonObject().put("object", object));
  }

  /** Stripe's {@code charge.refunded} for an intent and one of its refunds, in full. */
  static JsonObject chargeRefunded(JsonObject intent, String refundId) {
    return chargeRefunded(intent, refundId, intent.getLong("amount"));
  }

  /**
   * Stripe's {@code charge.refunded} after a refund of the charge: {@code amountRefunded} is
   * the total refunded so far (Stripe's {@code amount_refunded}), {@code refunded} true only
   * when that is the whole amount.
   */
  static JsonObject chargeRefunded(JsonObject intent, String refundId, long amountRefunded) {
    return stripeEvent("charge.refunded", new JsonObject()
        .put("id", "ch_" + intent.getString("id").substring(3)).put("object", "charge")
        .put("payment_intent", intent.getString("id")).put("amount", intent.getLong("amount"))
        .put("amount_refunded", amountRefunded)
        .put("refunded", amountRefunded >= intent.getLong("amount"))
        .put("refunds", new JsonObject().put("object", "list").put("data",
            new io.vertx.core.json.JsonArray().add(new JsonObject().put("id", refundId)
                .put("object", "refund")))));
  }

  /** Delivers a webhook body with the given signature header. */
  HttpResponse<Buffer> deliver(String body, String signature) {
    return Api.await(api.http.post("/v1/payments/stripe/webhook")
        .putHeader("Content-Type", "application/json")
        .putHeader("Stripe-Signature", signature).sendBuffer(Buffer.buffer(body)));
  }

  /** Delivers an event signed now, and expects Stripe's 200. */
  void deliver(JsonObject event) {
    String body = event.encode();
    HttpResponse<Buffer> r = deliver(body, signer.header(body));
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
  }

  /** Waits until the payment has {@code status} in PostgreSQL; false if it never does. */
  boolean paymentBecomes(String paymentId, String status) {
    return Api.eventually(Duration.ofSeconds(20), () -> api.count("select count(*) from "
        + "payments where id = $1::uuid and status = $2", paymentId, status) == 1);
  }

  boolean settled(String paymentId) {
    return api.count("select count(*) from orders where payment_id = $1::uuid", paymentId) == 1;
  }

  long outboxPending() {
    return api.count("select count(*) from outbox where sent_at is null");
  }

  /**
   * The money invariants of an event: every payment Stripe reports succeeded has exactly one
   * order, confirmed (and the payment succeeded) or refunded (and the payment refunded); no
   * intent was refunded twice; and the seats add up.
   */
  void assertMoneySound(String eventId, int capacity) {
    assertThat(Api.eventually(Duration.ofSeconds(20), () -> api.count(
        "select count(*) from payments where event_id = $1::uuid and status = 'processing'",
        eventId) == 0)).as("every payment settled").isTrue();
    assertThat(api.count("select count(*) from payments p where p.event_id = $1::uuid and ("
        + "(p.status = 'succeeded' and (select count(*) from orders o where o.payment_id = p.id "
        + "and o.status = 'confirmed') <> 1) or (p.status = 'refunded' and (select count(*) "
        + "from orders o where o.payment_id = p.id and o.status = 'refunded') <> 1) or "
        + "(p.status not in ('succeeded', 'refunded') and exists (select 1 from orders o "
        + "where o.payment_id = p.id)))", eventId)).as("payments without exactly one order")
        .isZero();
    for (JsonObject p : paymentsOf(eventId)) {
      String intentId = p.getString("intent_id");
      assertThat(stripe.refundsOf(intentId)).as("refunds of " + intentId).hasSizeLessThan(2);
      if ("succeeded".equals(stripe.intent(intentId).getString("status"))) {
        assertThat(p.getString("status")).as("payment of " + intentId)
            .isIn("succeeded", "refunded");
      }
      if ("refunded".equals(p.getString("status"))) {
        assertThat(stripe.refundsOf(intentId).size() + (p.getString("refund_id") == null ? 0 : 1))
            .as("a refunded payment has its Stripe refund").isPositive();
      }
    }
    assertSound(eventId, capacity);
  }

  java.util.List<JsonObject> paymentsOf(String eventId) {
    var rows = Api.await(api.sql.preparedQuery("select id::text, intent_id, status, refund_id "
        + "from payments where event_id = $1 and provider = 'stripe'")
        .execute(io.vertx.sqlclient.Tuple.of(UUID.fromString(eventId))));
    java.util.List<JsonObject> list = new java.util.ArrayList<>();
    rows.forEach(r -> list.add(r.toJson()));
    return list;
  }

  HttpResponse<Buffer> get(String token, String path) {
    return api.call(HttpMethod.GET, path, token, null);
  }
}
