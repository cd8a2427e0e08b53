package io.holdfast.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.testkit.http.ProblemAssert;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Paying through Stripe")
class StripePaymentTest extends StripeTestBase {

  @Test
  @DisplayName("checkout creates one PaymentIntent per hold, keyed by the hold's ID, even when Stripe times out and the buyer retries")
  void oneIntentPerHold() {
    String eventId = org.onSale(organizer, Organizing.body("Intent night", 10));
    String buyer = api.buyers(1).get(0);
    String holdId = hold(buyer, eventId, 2).getString("holdId");
    int before = stripe.intentsCreated();
    // Stripe makes the intent but answers after the client's 1 s timeout, twice: stripe-java's
    // own retries carry the same idempotency key.
    stripe.slowCreates(2, 1500);
    HttpResponse<Buffer> first = checkoutCall(buyer, holdId, "first-" + holdId);
    JsonObject payment = first.statusCode() == 201 ? first.bodyAsJsonObject()
        : checkoutCall(buyer, holdId, "retry-" + holdId).bodyAsJsonObject();
    JsonObject again = checkoutCall(buyer, holdId, "again-" + holdId).bodyAsJsonObject();

    assertThat(stripe.intentsCreated() - before).isEqualTo(1);
    assertThat(stripe.createKeys().stream().filter(holdId::equals).count())
        .isGreaterThanOrEqualTo(2);
    assertThat(stripe.createKeys()).filteredOn(k -> k.contains(holdId.substring(0, 8)))
        .containsOnly(holdId);
    JsonObject intent = stripe.intent(payment.getString("intentId"));
    assertThat(payment.getString("clientSecret")).isEqualTo(intent.getString("client_secret"));
    assertThat(payment.getString("publishableKey")).isEqualTo("pk_test_holdfast");
    assertThat(intent.getLong("amount")).isEqualTo(5000L).isEqualTo(payment.getLong("amountCents"));
    assertThat(intent.getString("currency")).isEqualTo("eur");
    assertThat(intent.getJsonObject("metadata").getString("holdId")).isEqualTo(holdId);
    assertThat(again.getString("paymentId")).isEqualTo(payment.getString("paymentId"));
    assertThat(api.count("select count(*) from payments where hold_id = $1::uuid", holdId))
        .isEqualTo(1);

    // Stripe failing outright is a 503 to retry, and nothing is stored.
    String other = hold(buyer, eventId, 1).getString("holdId");
    stripe.failCreates(3);
    HttpResponse<Buffer> refused = checkoutCall(buyer, other, "fail-" + other);
    ProblemAssert.assertProblem(refused, 503, "payment-provider-unavailable");
    assertThat(api.count("select count(*) from payments where hold_id = $1::uuid", other))
        .isZero();
    assertThat(checkoutCall(buyer, other, "fail-" + other).statusCode()).isEqualTo(201);
  }

  @Test
  @DisplayName("every webhook delivered 2 to 5 times, shuffled and concurrent, makes one order per PaymentIntent, never a refund (a decline before a success included); a canceled one frees its seats at once")
  void duplicatedShuffledWebhooks() {
    int capacity = 20;
    String eventId = org.onSale(organizer, Organizing.body("Webhook storm", capacity));
    List<String> buyers = api.buyers(7);
    Random random = new Random(42);
    List<String> deliveries = new ArrayList<>();
    List<String> paid = new ArrayList<>();
    List<String> paidIntents = new ArrayList<>();
    for (int i = 0; i < buyers.size(); i++) {
      String holdId = hold(buyers.get(i), eventId, 2).getString("holdId");
      JsonObject payment = checkout(buyers.get(i), holdId);
      String intentId = payment.getString("intentId");
      List<JsonObject> events = new ArrayList<>();
      if (i == buyers.size() - 1) {
        events.add(stripeEvent("payment_intent.canceled", stripe.setStatus(intentId, "canceled")));
      } else {
        if (i % 2 == 0) {
          // A declined card first, then a card that works: Stripe's own order of events.
          events.add(stripeEvent("payment_intent.payment_failed",
              stripe.intent(intentId).put("status", "requires_payment_method")));
        }
        events.add(stripeEvent("payment_intent.succeeded", stripe.setStatus(intentId,
            "succeeded")));
        paid.add(payment.getString("paymentId"));
        paidIntents.add(intentId);
      }
      for (JsonObject event : events) {
        for (int n = 2 + random.nextInt(4); n > 0; n--) {
          deliveries.add(event.encode());
        }
      }
    }
    Collections.shuffle(deliveries, random);
    List<Future<HttpResponse<Buffer>>> sent = new ArrayList<>();
    long now = System.currentTimeMillis() / 1000;
    for (int i = 0; i < deliveries.size(); i++) {
      // Stripe signs each retry when it sends it: no two deliveries share a timestamp.
      String body = deliveries.get(i);
      sent.add(api.http.post("/v1/payments/stripe/webhook")
          .putHeader("Content-Type", "application/json")
          .putHeader("Stripe-Signature", signer.header(body, now - i))
          .sendBuffer(Buffer.buffer(body)));
    }
    Api.await(Future.join(sent));
    assertThat(sent).allSatisfy(f -> assertThat(f.result().statusCode()).isEqualTo(200));

    assertThat(Api.eventually(Duration.ofSeconds(30),
        () -> paid.stream().allMatch(this::settled))).isTrue();
    for (String paymentId : paid) {
      assertThat(api.count("select count(*) from orders where payment_id = $1::uuid "
          + "and status = 'confirmed'", paymentId)).isEqualTo(1);
      assertThat(api.count("select count(*) from tickets t join orders o on o.id = t.order_id "
          + "where o.payment_id = $1::uuid and t.status = 'valid'", paymentId)).isEqualTo(2);
    }
    assertThat(api.count("select count(*) from payments where event_id = $1::uuid "
        + "and status = 'canceled'", eventId)).isEqualTo(1);
    assertThat(paidIntents).allSatisfy(intent -> assertThat(stripe.refundsOf(intent)).isEmpty());
    JsonObject counts = api.availability(eventId);
    assertThat(counts.getInteger("sold")).isEqualTo(2 * paid.size());
    assertThat(counts.getInteger("held")).isZero();

    // The relay dies between publishing and marking sent, the worker between its commit and
    // its offset commit: after the restart every outcome of this event is delivered again.
    Api.await(api.sql.preparedQuery("update outbox set sent_at = null where key = $1")
        .execute(io.vertx.sqlclient.Tuple.of(eventId)));
    assertThat(Api.eventually(Duration.ofSeconds(20), () -> outboxPending() == 0)).isTrue();
    sleep(2000);
    for (String paymentId : paid) {
      assertThat(api.count("select count(*) from orders where payment_id = $1::uuid",
          paymentId)).isEqualTo(1);
    }
    assertThat(api.availability(eventId).getInteger("sold")).isEqualTo(2 * paid.size());
    assertMoneySound(eventId, capacity);
  }

  @Test
  @DisplayName("a success after the hold lapsed gets tickets when the seats are free, and a single Stripe refund when they were resold")
  void successAfterTheHoldLapsed() {
    int capacity = 2;
    JsonObject body = Organizing.body("Late payers", capacity).put("holdSeconds", 1);
    String eventId = org.onSale(organizer, body);
    List<String> buyers = api.buyers(3);

    JsonObject free = pay(buyers.get(0), eventId, 2);
    awaitLapsed(eventId);
    deliver(stripeEvent("payment_intent.succeeded",
        stripe.setStatus(free.getString("intentId"), "succeeded")));
    assertThat(Api.eventually(Duration.ofSeconds(20), () -> settled(free.getString("paymentId"))))
        .isTrue();
    assertThat(api.count("select count(*) from orders where payment_id = $1::uuid "
        + "and status = 'confirmed'", free.getString("paymentId"))).isEqualTo(1);
    assertThat(stripe.refundsOf(free.getString("intentId"))).isEmpty();

    // The organizer refunds it: one Stripe refund, seats accounted for.
    String orderId = orderOf(free.getString("paymentId"));
    assertThat(api.call(io.vertx.core.http.HttpMethod.POST, "/v1/orders/" + orderId
        + "/refund", organizer, null).statusCode()).isEqualTo(202);
    assertThat(Api.eventually(Duration.ofSeconds(20), () -> api.count("select count(*) from "
        + "orders where id = $1::uuid and status = 'refunded'", orderId) == 1)).isTrue();
    assertThat(stripe.refundsOf(free.getString("intentId"))).hasSize(1);
    // Stripe's own charge.refunded for it changes nothing more.
    deliver(chargeRefunded(stripe.intent(free.getString("intentId")),
        stripe.refundsOf(free.getString("intentId")).get(0)));

    String second = "Late payers 2";
    String resoldEvent = org.onSale(organizer, Organizing.body(second, capacity)
        .put("holdSeconds", 1));
    JsonObject late = checkout(buyers.get(1),
        hold(buyers.get(1), resoldEvent, 2).getString("holdId"));
    awaitLapsed(resoldEvent);
    JsonObject taker = checkout(buyers.get(2),
        hold(buyers.get(2), resoldEvent, 2).getString("holdId"));
    JsonObject success = stripeEvent("payment_intent.succeeded",
        stripe.setStatus(late.getString("intentId"), "succeeded"));
    deliver(success);
    deliver(stripeEvent("payment_intent.succeeded",
        stripe.setStatus(taker.getString("intentId"), "succeeded")));
    assertThat(Api.eventually(Duration.ofSeconds(20), () -> settled(late.getString("paymentId"))
        && settled(taker.getString("paymentId")))).isTrue();
    assertThat(api.count("select count(*) from orders where payment_id = $1::uuid "
        + "and status = 'refunded' and reason = 'seats-resold'", late.getString("paymentId")))
        .isEqualTo(1);
    assertThat(api.count("select count(*) from tickets t join orders o on o.id = t.order_id "
        + "where o.payment_id = $1::uuid", late.getString("paymentId"))).isZero();
    assertThat(stripe.refundsOf(late.getString("intentId"))).hasSize(1);
    assertThat(api.count("select count(*) from payments where id = $1::uuid and refund_id = $2",
        late.getString("paymentId"), stripe.refundsOf(late.getString("intentId")).get(0)))
        .isEqualTo(1);
    // The same success again, and Stripe's charge.refunded: still one refund, no tickets.
    deliver(stripeEvent("payment_intent.succeeded", stripe.intent(late.getString("intentId"))));
    deliver(chargeRefunded(stripe.intent(late.getString("intentId")),
        stripe.refundsOf(late.getString("intentId")).get(0)));
    assertThat(Api.eventually(Duration.ofSeconds(5), () -> outboxPending() == 0)).isTrue();
    assertMoneySound(eventId, capacity);
    assertMoneySound(resoldEvent, capacity);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void awaitLapsed(String eventId) {
    assertThat(Api.eventually(Duration.ofSeconds(20),
        () -> api.availability(eventId).getInteger("held") == 0)).isTrue();
  }

  private String orderOf(String paymentId) {
    var rows = Api.await(api.sql.preparedQuery("select id::text from orders "
        + "where payment_id = $1::uuid").execute(io.vertx.sqlclient.Tuple.of(paymentId)));
    return rows.iterator().next().getString(0);
  }
}
