package io.holdfast.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Cancelling an event paid through Stripe")
class StripeCancelTest extends StripeTestBase {
  private static final int BUYERS = 6;
  private static final int EACH = 2;

  private HttpResponse<Buffer> cancel(String eventId) {
    return api.call(HttpMethod.POST, "/v1/events/" + eventId + "/cancel", organizer, null);
  }

  private long refundedOrders(String eventId) {
    return api.count("select count(*) from orders where event_id = $1::uuid "
        + "and status = 'refunded' and reason = 'event-cancelled'", eventId);
  }

  /** Everything a repeat must leave as it is: orders, tickets, payments, Stripe's refunds. */
  private void assertAllRefundedOnce(String eventId, List<JsonObject> payments) {
    assertThat(api.count("select count(*) from orders where event_id = $1::uuid", eventId))
        .isEqualTo(BUYERS);
    assertThat(refundedOrders(eventId)).isEqualTo(BUYERS);
    assertThat(api.count("select count(*) from tickets where event_id = $1::uuid", eventId))
        .isEqualTo(BUYERS * EACH);
    assertThat(api.count("select count(*) from tickets where event_id = $1::uuid "
        + "and status <> 'void'", eventId)).isZero();
    for (JsonObject payment : payments) {
      String intentId = payment.getString("intentId");
      String paymentId = payment.getString("paymentId");
      assertThat(stripe.refundCallsOf(intentId)).as("refund requests for " + intentId)
          .containsExactly("refund-" + paymentId);
      assertThat(stripe.refundsOf(intentId)).hasSize(1);
      assertThat(api.count("select count(*) from payments where id = $1::uuid "
              + "and status = 'refunded' and refund_id = $2", paymentId,
          stripe.refundsOf(intentId).get(0))).as("payment " + paymentId).isEqualTo(1);
    }
  }

  /** A cancelled event's seats stay off sale: still sold, none back to available. */
  private void assertSeatsOffSale(String eventId, int capacity) {
    JsonObject counts = api.availability(eventId);
    assertThat(counts.getInteger("sold")).as(counts.encode()).isEqualTo(BUYERS * EACH);
    assertThat(counts.getInteger("held")).isZero();
    assertThat(counts.getInteger("sold") + counts.getInteger("held")
        + counts.getInteger("available")).isEqualTo(capacity);
  }

  @Test
  @DisplayName("every Stripe order is refunded once with its idempotency key, Stripe's "
      + "charge.refunded and a second cancel change nothing, and the seats stay off sale")
  void cancelRefundsThroughStripe() {
    int capacity = 20;
    String eventId = org.onSale(organizer, Organizing.body("Stripe rain-off", capacity));
    List<String> buyers = api.buyers(BUYERS);
    List<JsonObject> payments = new ArrayList<>();
    for (String buyer : buyers) {
      JsonObject payment = pay(buyer, eventId, EACH);
      payments.add(payment);
      deliver(stripeEvent("payment_intent.succeeded",
          stripe.setStatus(payment.getString("intentId"), "succeeded")));
    }
    assertThat(Api.eventually(Duration.ofSeconds(30), () -> payments.stream()
        .allMatch(p -> settled(p.getString("paymentId"))))).isTrue();
    assertThat(api.count("select count(*) from orders where event_id = $1::uuid "
        + "and status = 'confirmed'", eventId)).isEqualTo(BUYERS);
    for (JsonObject payment : payments) {
      assertThat(stripe.refundCallsOf(payment.getString("intentId"))).isEmpty();
    }
    assertThat(Api.eventually(Duration.ofSeconds(5),
        () -> api.availability(eventId).getInteger("sold") == BUYERS * EACH)).isTrue();

    HttpResponse<Buffer> r = cancel(eventId);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    JsonObject cancelled = r.bodyAsJsonObject();
    assertThat(cancelled.getString("status")).isEqualTo("cancelled");
    assertThat(Api.eventually(Duration.ofSeconds(30),
        () -> refundedOrders(eventId) == BUYERS)).isTrue();
    assertThat(Api.eventually(Duration.ofSeconds(20), () -> outboxPending() == 0)).isTrue();
    assertAllRefundedOnce(eventId, payments);
    assertSeatsOffSale(eventId, capacity);

    // Stripe reports each of those refunds back, and the organizer cancels once more.
    for (JsonObject payment : payments) {
      String intentId = payment.getString("intentId");
      deliver(chargeRefunded(stripe.intent(intentId), stripe.refundsOf(intentId).get(0)));
    }
    HttpResponse<Buffer> again = cancel(eventId);
    assertThat(again.statusCode()).as(again.bodyAsString()).isEqualTo(200);
    assertThat(again.bodyAsJsonObject()).isEqualTo(cancelled);
    assertThat(Api.eventually(Duration.ofSeconds(20), () -> outboxPending() == 0)).isTrue();
    // The worker handles what the relay sent after the outbox row is marked: give it time.
    sleep(2000);
    assertAllRefundedOnce(eventId, payments);
    assertSeatsOffSale(eventId, capacity);
    org.awaitSalesClosed(api.buyers(1).get(0), eventId);
    assertMoneySound(eventId, capacity);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
