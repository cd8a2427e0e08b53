package io.holdfast.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Refunds made at Stripe (its dashboard, its API): Stripe's {@code charge.refunded} says how
 * much of the charge is refunded so far. Only a refund of the whole amount voids the order and
 * puts its seats back on sale; a partial one is recorded and the tickets stay valid.
 */
@DisplayName("Refunds at Stripe, in part or in full")
class PartialRefundTest extends StripeTestBase {
  private static final int CAPACITY = 4;
  /** Two tickets at 25.00. */
  private static final long AMOUNT = 5000;

  /** A paid order of two tickets, confirmed: its buyer, payment and intent. */
  private record Paid(String eventId, String buyer, String paymentId, String intentId,
      String orderId) {}

  private Paid paid(String name) {
    String eventId = org.onSale(organizer, Organizing.body(name, CAPACITY));
    String buyer = api.buyers(1).get(0);
    JsonObject payment = pay(buyer, eventId, 2);
    String paymentId = payment.getString("paymentId");
    String intentId = payment.getString("intentId");
    assertThat(stripe.intent(intentId).getLong("amount")).isEqualTo(AMOUNT);
    deliver(stripeEvent("payment_intent.succeeded", stripe.setStatus(intentId, "succeeded")));
    assertThat(Api.eventually(Duration.ofSeconds(20), () -> settled(paymentId))).isTrue();
    String orderId = Api.await(api.sql.preparedQuery("select id::text from orders where "
            + "payment_id = $1::uuid").execute(io.vertx.sqlclient.Tuple.of(paymentId)))
        .iterator().next().getString(0);
    return new Paid(eventId, buyer, paymentId, intentId, orderId);
  }

  private JsonObject payment(Paid p) {
    HttpResponse<Buffer> r = get(p.buyer(), "/v1/payments/" + p.paymentId());
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    return r.bodyAsJsonObject();
  }

  private boolean refundedCents(Paid p, long cents) {
    return Api.eventually(Duration.ofSeconds(20),
        () -> Long.valueOf(cents).equals(payment(p).getLong("refundedCents")));
  }

  private void assertStillSold(Paid p) {
    assertThat(api.count("select count(*) from orders where id = $1::uuid "
        + "and status = 'confirmed'", p.orderId())).isEqualTo(1);
    assertThat(api.count("select count(*) from tickets where order_id = $1::uuid "
        + "and status = 'valid'", p.orderId())).isEqualTo(2);
    assertThat(payment(p).getString("status")).isEqualTo("succeeded");
    assertThat(api.availability(p.eventId()).getInteger("sold")).isEqualTo(2);
  }

  private void assertVoided(Paid p) {
    assertThat(Api.eventually(Duration.ofSeconds(20), () -> api.count("select count(*) from "
        + "orders where id = $1::uuid and status = 'refunded'", p.orderId()) == 1)).isTrue();
    assertThat(api.count("select count(*) from tickets where order_id = $1::uuid "
        + "and status = 'void'", p.orderId())).isEqualTo(2);
    assertThat(payment(p).getString("status")).isEqualTo("refunded");
    assertThat(payment(p).getLong("refundedCents")).isEqualTo(AMOUNT);
    assertThat(Api.eventually(Duration.ofSeconds(20),
        () -> api.availability(p.eventId()).getInteger("available") == CAPACITY)).isTrue();
  }

  @Test
  @DisplayName("a partial refund is recorded and leaves the order confirmed and its tickets valid; the rest refunded later voids it")
  void partialThenFull() {
    Paid p = paid("Partly refunded night");
    deliver(chargeRefunded(stripe.intent(p.intentId()), "re_part_" + p.orderId().substring(0, 8),
        1200));
    assertThat(refundedCents(p, 1200)).as("the partial refund recorded").isTrue();
    assertStillSold(p);
    JsonObject order = order(p.buyer(), p.orderId());
    assertThat(order.getString("status")).isEqualTo("confirmed");
    assertThat(order.getLong("refundedCents")).isEqualTo(1200L);

    deliver(chargeRefunded(stripe.intent(p.intentId()), "re_rest_" + p.orderId().substring(0, 8),
        AMOUNT));
    assertVoided(p);
    assertMoneySound(p.eventId(), CAPACITY);
  }

  @Test
  @DisplayName("a full refund reported twice voids the order once and returns its seats once")
  void fullTwice() {
    Paid p = paid("Twice refunded night");
    String refundId = "re_full_" + p.orderId().substring(0, 8);
    deliver(chargeRefunded(stripe.intent(p.intentId()), refundId, AMOUNT));
    deliver(chargeRefunded(stripe.intent(p.intentId()), refundId, AMOUNT));
    assertVoided(p);
    assertThat(api.count("select count(*) from orders where payment_id = $1::uuid",
        p.paymentId())).isEqualTo(1);
    assertThat(api.count("select count(*) from payments where id = $1::uuid "
        + "and refund_id = $2", p.paymentId(), refundId)).isEqualTo(1);
    // Someone else buys the seats the refund gave back; a third report changes nothing.
    String other = api.buyers(1).get(0);
    String otherOrder = org.buy(other, p.eventId(), CAPACITY);
    deliver(chargeRefunded(stripe.intent(p.intentId()), refundId, AMOUNT));
    assertThat(Api.eventually(Duration.ofSeconds(10), () -> outboxPending() == 0)).isTrue();
    assertThat(order(other, otherOrder).getString("status")).isEqualTo("confirmed");
    assertThat(api.availability(p.eventId()).getInteger("sold")).isEqualTo(CAPACITY);
    assertMoneySound(p.eventId(), CAPACITY);
  }

  @Test
  @DisplayName("two partial refunds adding up to the whole amount void the order, even when Stripe reports them out of order")
  void partialTwiceAddingUpToFull() {
    Paid p = paid("Refunded in halves night");
    deliver(chargeRefunded(stripe.intent(p.intentId()), "re_half1_" + p.orderId().substring(0, 8),
        AMOUNT / 2));
    assertThat(refundedCents(p, AMOUNT / 2)).isTrue();
    assertStillSold(p);
    deliver(chargeRefunded(stripe.intent(p.intentId()), "re_half2_" + p.orderId().substring(0, 8),
        AMOUNT));
    assertVoided(p);

    // The same halves on another order, the second report first: the first changes nothing.
    Paid q = paid("Refunded in halves, shuffled");
    deliver(chargeRefunded(stripe.intent(q.intentId()), "re_half2_" + q.orderId().substring(0, 8),
        AMOUNT));
    assertVoided(q);
    deliver(chargeRefunded(stripe.intent(q.intentId()), "re_half1_" + q.orderId().substring(0, 8),
        AMOUNT / 2));
    assertThat(Api.eventually(Duration.ofSeconds(10), () -> outboxPending() == 0)).isTrue();
    assertVoided(q);
    assertMoneySound(p.eventId(), CAPACITY);
    assertMoneySound(q.eventId(), CAPACITY);
  }
}
