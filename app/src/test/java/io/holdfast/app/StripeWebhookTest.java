package io.holdfast.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.testkit.http.ProblemAssert;
import io.holdfast.testkit.stripe.StripeSigner;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Stripe's webhook endpoint")
class StripeWebhookTest extends StripeTestBase {

  @Test
  @DisplayName("refuses a bad signature, a stale or future timestamp, a replayed request and a re-serialized body with a 400, and records nothing")
  void refusesWhatStripeDidNotSign() {
    String eventId = org.onSale(organizer, Organizing.body("Forgers' ball", 4));
    String buyer = api.buyers(1).get(0);
    JsonObject payment = pay(buyer, eventId, 2);
    JsonObject event = stripeEvent("payment_intent.succeeded",
        stripe.setStatus(payment.getString("intentId"), "succeeded"));
    String body = event.encode();
    long now = System.currentTimeMillis() / 1000;

    assertRefused(body, new StripeSigner("whsec_someone_else").header(body));
    assertRefused(body, signer.header(body, now - 3600));
    assertRefused(body, signer.header(body, now + 3600));
    assertRefused(body, "t=" + now);
    assertRefused(body, "");
    // Same JSON, other bytes: what Stripe signed is the raw body.
    assertRefused(event.encodePrettily(), signer.header(body));
    assertRefused(body.replace("\"succeeded\"", "\"succeeded\" "), signer.header(body));
    assertThat(api.count("select count(*) from stripe_events where id = $1",
        event.getString("id"))).isZero();
    assertThat(api.count("select count(*) from payments where id = $1::uuid "
        + "and status = 'requires_payment'", payment.getString("paymentId"))).isEqualTo(1);

    // Signed properly it is taken once; the very same request again is a replay.
    String header = signer.header(body);
    HttpResponse<Buffer> first = deliver(body, header);
    assertThat(first.statusCode()).as(first.bodyAsString()).isEqualTo(200);
    assertThat(first.bodyAsJsonObject().getBoolean("duplicate")).isFalse();
    assertRefused(body, header);
    // Stripe's retry is signed anew: acknowledged as a duplicate.
    HttpResponse<Buffer> retry = deliver(body, signer.header(body, now - 1));
    assertThat(retry.statusCode()).isEqualTo(200);
    assertThat(retry.bodyAsJsonObject().getBoolean("duplicate")).isTrue();
    assertThat(api.count("select count(*) from outbox where payload like $1",
        "%" + event.getString("id") + "%")).isEqualTo(1);
    assertThat(Api.eventually(Duration.ofSeconds(20), () -> settled(payment.getString("paymentId"))))
        .isTrue();
    assertMoneySound(eventId, 4);
  }

  private void assertRefused(String body, String signature) {
    HttpResponse<Buffer> r = deliver(body, signature);
    ProblemAssert.assertProblem(r, 400, "webhook-signature-invalid");
  }
}
