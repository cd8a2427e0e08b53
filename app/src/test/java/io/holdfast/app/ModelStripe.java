package io.holdfast.app;

import io.holdfast.app.RulesModel.Hold;
import io.holdfast.app.RulesModel.HoldState;
import io.holdfast.app.RulesModel.Keeps;
import io.holdfast.testkit.stripe.StripeSigner;
import io.holdfast.testkit.stripe.StripeStandIn;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The payment provider of a model-based run: checkouts through Stripe (the stand-in answers for
 * Stripe's servers), and Stripe's side of each payment (paid, declined, canceled, refunded in
 * full or in part) as webhook events that wait in a queue and are delivered late, out of order
 * and some of them twice, each signed anew as Stripe does on a retry.
 */
final class ModelStripe implements AutoCloseable {
  private record Pending(Hold hold, JsonObject event, boolean partialRefund) {}

  private final Api api;
  private final RulesModel model;
  private final List<String> buyers;
  private final StripeStandIn stripe = TestPlatform.stripe();
  private final StripeSigner signer = new StripeSigner(TestPlatform.WEBHOOK_SECRET);
  private final WebClient edge;
  private final List<Pending> pending = new ArrayList<>();
  private long lastSignedSecond;

  ModelStripe(Api api, RulesModel model, List<String> buyers) {
    this.api = api;
    this.model = model;
    this.buyers = buyers;
    this.edge = WebClient.create(api.platform.vertx(), new WebClientOptions()
        .setDefaultHost("127.0.0.1").setDefaultPort(TestPlatform.stripeEdgePort()));
  }

  /** Checkout on the edge whose provider is Stripe: a PaymentIntent for the hold. */
  boolean checkout(Hold h) {
    long now = System.currentTimeMillis();
    HttpResponse<Buffer> r = Api.await(edge.post("/v1/holds/" + h.id + "/checkout")
        .bearerTokenAuthentication(buyers.get(h.buyer))
        .putHeader("Idempotency-Key", UUID.randomUUID().toString()).send());
    ModelRun.checkoutAnswer(h, RulesModel.keeps(h, now), r);
    if (r.statusCode() == 201 && h.intentId == null && r.bodyAsJsonObject().getString("provider")
        .equals("stripe")) {
      h.intentId = api.call(HttpMethod.GET, "/v1/payments/" + h.paymentId,
          buyers.get(h.buyer), null).bodyAsJsonObject().getString("intentId");
    }
    return true;
  }

  /** Stripe's side moves ({@code n} says how), and its webhook event joins the queue. */
  boolean happen(Hold h, int n) {
    if (h.intentId == null) {
      return false;
    }
    String status = stripe.intent(h.intentId).getString("status");
    int what = n % 6;
    JsonObject event;
    boolean partial = false;
    if (what <= 2 && !"canceled".equals(status)) {
      event = StripeTestBase.stripeEvent("payment_intent.succeeded",
          stripe.setStatus(h.intentId, "succeeded"));
    } else if (what == 3 && !"succeeded".equals(status)) {
      event = StripeTestBase.stripeEvent("payment_intent.payment_failed",
          stripe.intent(h.intentId));
    } else if (what == 4 && !"succeeded".equals(status) && !"canceled".equals(status)) {
      event = StripeTestBase.stripeEvent("payment_intent.canceled",
          stripe.setStatus(h.intentId, "canceled"));
    } else if (what == 5 && "succeeded".equals(status)) {
      JsonObject intent = stripe.intent(h.intentId);
      event = StripeTestBase.chargeRefunded(intent, "re_" + UUID.randomUUID());
      partial = (n >> 3) % 2 == 1;
      if (partial) {
        event.getJsonObject("data").getJsonObject("object").put("refunded", false)
            .put("amount_refunded", intent.getLong("amount") / 2);
      }
    } else {
      return false;
    }
    pending.add(new Pending(h, event, partial));
    return true;
  }

  /**
   * Delivers one waiting event ({@code n} picks which; some stay to come again), waits until
   * the platform settled it, and brings the model in step with the outcome.
   */
  boolean deliver(int n) {
    if (pending.isEmpty()) {
      return false;
    }
    Pending p = (n >> 4) % 3 == 0 ? pending.get(n % pending.size())
        : pending.remove(n % pending.size());
    Hold h = p.hold();
    String type = p.event().getString("type");
    long now = System.currentTimeMillis();
    boolean[] sells = model.paymentSells(h, now);
    Keeps keeps = RulesModel.keeps(h, now);
    String body = p.event().encode();
    HttpResponse<Buffer> r = Api.await(api.http.post("/v1/payments/stripe/webhook")
        .putHeader("Content-Type", "application/json")
        .putHeader("Stripe-Signature", freshSignature(body)).sendBuffer(Buffer.buffer(body)));
    ModelRun.expect(r, 200, "deliver Stripe's " + type);
    ModelRun.await("Stripe's " + type + " for hold " + h.id + " settled", () -> api.count(
        "select count(*) from outbox where sent_at is null") == 0 && api.count(
        "select count(*) from payments where id = $1::uuid and status = 'processing'",
        h.paymentId) == 0);
    // The relay marked it sent; the worker may still be at it.
    ModelRun.sleep(300);
    String order = orderStatus(h);
    switch (type) {
      case "payment_intent.succeeded" -> {
        boolean sold = "confirmed".equals(order);
        if (h.state != HoldState.CONFIRMED && h.state != HoldState.REFUNDED
            && (sold && !sells[0] || !sold && sells[1])) {
          throw new ModelViolation("Stripe's success for a " + h.state + " hold (" + keeps
              + ") of buyer " + h.buyer + " on event " + h.event.index + " left its order "
              + order);
        }
        if (h.state != HoldState.REFUNDED) {
          h.state = sold ? HoldState.CONFIRMED
              : h.state == HoldState.LOST ? HoldState.LOST : HoldState.FORFEITED;
        }
        if (sold) {
          h.orderId = ModelRun.confirmedOrder(api, h);
        }
      }
      case "charge.refunded" -> {
        if (p.partialRefund()) {
          if (h.state == HoldState.CONFIRMED && !"confirmed".equals(order)) {
            throw new ModelViolation("a partial refund of hold " + h.id + " left its order "
                + order + "; only a full refund ends an order");
          }
        } else if (h.state == HoldState.CONFIRMED) {
          h.state = HoldState.REFUNDED;
        }
      }
      default -> {
        // A decline leaves the intent payable, so the hold stays the buyer's; a cancel ends it.
        String held = api.call(HttpMethod.GET, "/v1/holds/" + h.id, buyers.get(h.buyer), null)
            .bodyAsJsonObject().getString("status", "unknown");
        if (type.endsWith("payment_failed") && keeps == Keeps.YES && h.state == HoldState.ACTIVE
            && !"active".equals(held)) {
          throw new ModelViolation("a declined card ended active hold " + h.id + " ("
              + held + ") while its intent can still be paid");
        }
        if (h.state == HoldState.ACTIVE && "released".equals(held)) {
          h.state = HoldState.RELEASED;
        }
      }
    }
    if (h.event.selling()) {
      ModelRun.await("event " + h.event.index + " sells what the model sold", () ->
          api.availability(h.event.id).getInteger("sold") == model.sold(h.event));
    }
    return true;
  }

  /** Delivers everything still waiting, as Stripe eventually does. */
  void flush() {
    while (!pending.isEmpty()) {
      deliver(1 << 4);
    }
  }

  private String orderStatus(Hold h) {
    var rows = Api.await(api.sql.preparedQuery("select status from orders where payment_id = "
        + "$1::uuid").execute(io.vertx.sqlclient.Tuple.of(h.paymentId))).iterator();
    return rows.hasNext() ? rows.next().getString(0) : "none";
  }

  /** A signature of its own second: Stripe signs each delivery anew, and so do we. */
  private String freshSignature(String body) {
    long second = System.currentTimeMillis() / 1000;
    if (second <= lastSignedSecond) {
      ModelRun.sleep((lastSignedSecond + 1) * 1000 - System.currentTimeMillis() + 5);
      second = lastSignedSecond + 1;
    }
    lastSignedSecond = second;
    return signer.header(body, second);
  }

  /** Every Stripe payment of the run agrees with Stripe: a paid intent was sold or refunded. */
  void checkAgreement() {
    for (Hold h : model.holds) {
      if (h.intentId == null) {
        continue;
      }
      String intent = stripe.intent(h.intentId).getString("status");
      String payment = api.call(HttpMethod.GET, "/v1/payments/" + h.paymentId,
          buyers.get(h.buyer), null).bodyAsJsonObject().getString("status");
      if ("succeeded".equals(intent) && !List.of("succeeded", "refunded").contains(payment)) {
        throw new ModelViolation("Stripe says intent " + h.intentId + " was paid; payment "
            + h.paymentId + " is " + payment);
      }
      if (stripe.refundsOf(h.intentId).size() > 1) {
        throw new ModelViolation("intent " + h.intentId + " was refunded "
            + stripe.refundsOf(h.intentId).size() + " times");
      }
    }
  }

  @Override
  public void close() {
    edge.close();
  }
}
