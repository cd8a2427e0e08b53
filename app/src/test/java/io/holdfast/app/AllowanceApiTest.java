package io.holdfast.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A buyer who pays for holds given up")
class AllowanceApiTest extends OrganizerTestBase {
  private static final int CAPACITY = 10;

  private String hold(String buyer, String eventId) {
    HttpResponse<Buffer> held = Api.await(api.hold(buyer, eventId,
        new JsonObject().put("section", "GA").put("quantity", 2), UUID.randomUUID().toString()));
    assertThat(held.statusCode()).as(held.bodyAsString()).isEqualTo(201);
    return held.bodyAsJsonObject().getString("holdId");
  }

  private String checkout(String buyer, String holdId) {
    HttpResponse<Buffer> checkout = Api.await(api.request(HttpMethod.POST,
        "/v1/holds/" + holdId + "/checkout", buyer).putHeader("Idempotency-Key", holdId).send());
    assertThat(checkout.statusCode()).as(checkout.bodyAsString()).isEqualTo(201);
    return checkout.bodyAsJsonObject().getString("paymentId");
  }

  private void pay(String buyer, String paymentId) {
    HttpResponse<Buffer> paid = api.call(HttpMethod.POST, "/v1/payments/" + paymentId
        + "/simulate", buyer, new JsonObject().put("outcome", "succeeded"));
    assertThat(paid.statusCode()).as(paid.bodyAsString()).isEqualTo(202);
  }

  private String holdStatus(String buyer, String holdId) {
    return api.call(HttpMethod.GET, "/v1/holds/" + holdId, buyer, null).bodyAsJsonObject()
        .getString("status");
  }

  /**
   * Hold 2, check out, give the hold up ({@code lapse}: let it lapse; otherwise release it),
   * hold 2 again, check out, then pay both: exactly one payment becomes 2 tickets, the other is
   * refunded for the purchase limit.
   */
  private void payBoth(boolean lapse) {
    String eventId = api.onSaleEvent(organizer, CAPACITY, lapse ? 2 : 300, 2);
    String buyer = api.buyers(1).get(0);
    String first = hold(buyer, eventId);
    String firstPayment = checkout(buyer, first);
    if (lapse) {
      assertThat(Api.eventually(Duration.ofSeconds(20),
          () -> "expired".equals(holdStatus(buyer, first)))).isTrue();
    } else {
      assertThat(api.call(HttpMethod.DELETE, "/v1/holds/" + first, buyer, null).statusCode())
          .isEqualTo(204);
    }
    String second = hold(buyer, eventId);
    String secondPayment = checkout(buyer, second);
    pay(buyer, firstPayment);
    pay(buyer, secondPayment);

    assertThat(Api.eventually(Duration.ofSeconds(30), () -> api.count("select count(*) from "
        + "orders where event_id = $1::uuid", eventId) == 2)).isTrue();
    assertThat(api.count("select count(*) from tickets where event_id = $1::uuid "
        + "and status <> 'void'", eventId)).isEqualTo(2);
    assertThat(api.count("select count(*) from orders where event_id = $1::uuid "
        + "and status = 'confirmed'", eventId)).isEqualTo(1);
    assertThat(api.count("select count(*) from orders where event_id = $1::uuid "
        + "and status = 'refunded' and reason = 'purchase-limit'", eventId)).isEqualTo(1);
    assertThat(api.count("select count(*) from payments where event_id = $1::uuid "
        + "and status = 'refunded'", eventId)).isEqualTo(1);
    JsonObject counts = api.availability(eventId);
    assertThat(counts.getInteger("sold")).isEqualTo(2);
    assertThat(counts.getInteger("held")).isZero();
    assertThat(counts.getInteger("available")).isEqualTo(CAPACITY - 2);
  }

  @Test
  @DisplayName("after releasing one of them gets 2 tickets of an event with maxPerBuyer 2, "
      + "and the other payment back")
  void releasedThenHeldAgain() {
    payBoth(false);
  }

  @Test
  @DisplayName("after letting one lapse gets 2 tickets of an event with maxPerBuyer 2, and "
      + "the other payment back")
  void lapsedThenHeldAgain() {
    payBoth(true);
  }
}
