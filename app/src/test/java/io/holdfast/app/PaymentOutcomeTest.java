package io.holdfast.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.testkit.http.ProblemAssert;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A declined card is one attempt, not the end of a payment: the intent stays payable, so the
 * hold stays the buyer's until the intent is canceled or the hold lapses. And once a payment
 * succeeded, nothing delivered after it (a stale decline, a cancel) changes it.
 */
@DisplayName("Payment outcomes in any order")
class PaymentOutcomeTest extends StripeTestBase {

  @Test
  @DisplayName("a declined card keeps the hold (nobody else takes its seats), and the buyer's retry a moment later becomes one confirmed order, not a refund")
  void declineThenSuccess() {
    int capacity = 2;
    String eventId = org.onSale(organizer, Organizing.body("Second card night", capacity));
    List<String> buyers = api.buyers(2);
    JsonObject payment = pay(buyers.get(0), eventId, 2);
    String paymentId = payment.getString("paymentId");
    String intentId = payment.getString("intentId");

    decline(payment);
    JsonObject counts = api.availability(eventId);
    assertThat(counts.getInteger("held")).as("the declined payment's hold").isEqualTo(2);
    assertThat(org.hold(buyers.get(1), eventId, 1).statusCode())
        .as("another buyer's hold while the first one may still pay").isEqualTo(409);

    deliver(stripeEvent("payment_intent.succeeded", stripe.setStatus(intentId, "succeeded")));
    assertThat(Api.eventually(Duration.ofSeconds(20), () -> settled(paymentId))).isTrue();
    assertThat(api.count("select count(*) from orders where payment_id = $1::uuid "
        + "and status = 'confirmed'", paymentId)).isEqualTo(1);
    assertThat(api.count("select count(*) from tickets t join orders o on o.id = t.order_id "
        + "where o.payment_id = $1::uuid and t.status = 'valid'", paymentId)).isEqualTo(2);
    assertThat(stripe.refundsOf(intentId)).isEmpty();
    assertThat(api.availability(eventId).getInteger("sold")).isEqualTo(2);
    assertMoneySound(eventId, capacity);
  }

  @Test
  @DisplayName("a declined intent that is then canceled gives its seats back at once")
  void declineThenCancel() {
    int capacity = 3;
    String eventId = org.onSale(organizer, Organizing.body("Gave up night", capacity));
    String buyer = api.buyers(1).get(0);
    JsonObject payment = pay(buyer, eventId, 2);
    String paymentId = payment.getString("paymentId");
    String intentId = payment.getString("intentId");

    decline(payment);
    assertThat(api.availability(eventId).getInteger("held")).isEqualTo(2);
    deliver(stripeEvent("payment_intent.canceled", stripe.setStatus(intentId, "canceled")));
    assertThat(paymentBecomes(paymentId, "canceled")).isTrue();
    assertThat(Api.eventually(Duration.ofSeconds(20),
        () -> api.availability(eventId).getInteger("available") == capacity)).isTrue();
    assertMoneySound(eventId, capacity);
  }

  @Test
  @DisplayName("a success is final: declines and cancels delivered after it, twice each and shuffled, change nothing")
  void successIsFinal() {
    int capacity = 4;
    String eventId = org.onSale(organizer, Organizing.body("Final answer night", capacity));
    String buyer = api.buyers(1).get(0);
    JsonObject payment = pay(buyer, eventId, 2);
    String paymentId = payment.getString("paymentId");
    String intentId = payment.getString("intentId");
    JsonObject declined = stripeEvent("payment_intent.payment_failed",
        stripe.intent(intentId).put("status", "requires_payment_method"));
    JsonObject canceled = stripeEvent("payment_intent.canceled",
        stripe.intent(intentId).put("status", "canceled"));
    deliver(stripeEvent("payment_intent.succeeded", stripe.setStatus(intentId, "succeeded")));
    assertThat(Api.eventually(Duration.ofSeconds(20), () -> settled(paymentId))).isTrue();

    List<JsonObject> stale = new ArrayList<>(List.of(declined, declined, canceled, canceled));
    Collections.shuffle(stale, new Random(13));
    long now = System.currentTimeMillis() / 1000;
    for (int i = 0; i < stale.size(); i++) {
      String body = stale.get(i).encode();
      assertThat(deliver(body, signer.header(body, now - i)).statusCode()).isEqualTo(200);
    }
    assertThat(Api.eventually(Duration.ofSeconds(10), () -> outboxPending() == 0)).isTrue();
    // The worker takes one event's records batch after batch: a payment settled after them
    // (and a moment for a batch they shared with it) means they were handled.
    JsonObject marker = pay(buyer, eventId, 1);
    deliver(stripeEvent("payment_intent.succeeded",
        stripe.setStatus(marker.getString("intentId"), "succeeded")));
    assertThat(Api.eventually(Duration.ofSeconds(20),
        () -> settled(marker.getString("paymentId")))).isTrue();
    pause(1000);

    assertThat(api.count("select count(*) from payments where id = $1::uuid "
        + "and status = 'succeeded'", paymentId)).isEqualTo(1);
    assertThat(api.count("select count(*) from tickets t join orders o on o.id = t.order_id "
        + "where o.payment_id = $1::uuid and o.status = 'confirmed' and t.status = 'valid'",
        paymentId)).isEqualTo(2);
    JsonObject counts = api.availability(eventId);
    assertThat(counts.getInteger("sold")).isEqualTo(3);
    assertThat(counts.getInteger("held")).isZero();
    assertThat(stripe.refundsOf(intentId)).isEmpty();
    assertMoneySound(eventId, capacity);
  }

  @Test
  @DisplayName("the simulated provider's failed is a declined attempt too: the hold stays, and the buyer may then simulate a success")
  void simulatedFailureThenSuccess() {
    int capacity = 2;
    String eventId = org.onSale(organizer, Organizing.body("Simulated decline", capacity));
    String buyer = api.buyers(1).get(0);
    String holdId = hold(buyer, eventId, 2).getString("holdId");
    HttpResponse<Buffer> checkout = Api.await(api.request(HttpMethod.POST,
        "/v1/holds/" + holdId + "/checkout", buyer).putHeader("Idempotency-Key", holdId).send());
    assertThat(checkout.statusCode()).as(checkout.bodyAsString()).isEqualTo(201);
    String paymentId = checkout.bodyAsJsonObject().getString("paymentId");
    assertThat(checkout.bodyAsJsonObject().getValue("orderId")).as("not paid yet").isNull();

    assertThat(simulate(buyer, paymentId, "failed").statusCode()).isEqualTo(202);
    assertThat(paymentBecomes(paymentId, "failed")).isTrue();
    assertThat(api.availability(eventId).getInteger("held")).isEqualTo(2);
    HttpResponse<Buffer> paid = simulate(buyer, paymentId, "succeeded");
    assertThat(paid.statusCode()).as(paid.bodyAsString()).isEqualTo(202);
    assertThat(Api.eventually(Duration.ofSeconds(20), () -> api.count("select count(*) from "
        + "orders where payment_id = $1::uuid and status = 'confirmed'", paymentId) == 1))
        .isTrue();
    ProblemAssert.assertProblem(simulate(buyer, paymentId, "failed"), 409,
        "payment-not-pending");
    // The payment names the order it became, which is how the buyer's page finds it.
    assertThat(Api.eventually(Duration.ofSeconds(20), () -> "succeeded".equals(api.call(
        HttpMethod.GET, "/v1/payments/" + paymentId, buyer, null).bodyAsJsonObject()
        .getString("status")))).isTrue();
    String orderId = api.call(HttpMethod.GET, "/v1/payments/" + paymentId, buyer, null)
        .bodyAsJsonObject().getString("orderId");
    HttpResponse<Buffer> order = api.call(HttpMethod.GET, "/v1/orders/" + orderId, buyer, null);
    assertThat(order.statusCode()).as(order.bodyAsString()).isEqualTo(200);
    assertThat(order.bodyAsJsonObject().getJsonArray("tickets")).hasSize(2);
    assertThat(api.availability(eventId).getInteger("sold")).isEqualTo(2);
    assertSound(eventId, capacity);
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private HttpResponse<Buffer> simulate(String buyer, String paymentId, String outcome) {
    return api.call(HttpMethod.POST, "/v1/payments/" + paymentId + "/simulate", buyer,
        new JsonObject().put("outcome", outcome));
  }
}
