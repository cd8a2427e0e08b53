package io.holdfast.app;

import static io.holdfast.testkit.http.ProblemAssert.assertProblem;
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

@DisplayName("Cancelling an event")
class CancelTest extends OrganizerTestBase {
  private HttpResponse<Buffer> cancel(String token, String eventId) {
    return api.call(HttpMethod.POST, "/v1/events/" + eventId + "/cancel", token, null);
  }

  @Test
  @DisplayName("stops sales and refunds every confirmed order through the payment-worker, voiding its tickets")
  void cancelRefundsEveryOrder() {
    String eventId = org.onSale(organizer, Organizing.body("Rained-off night", 30));
    List<String> buyers = api.buyers(4);
    List<String> orders = new ArrayList<>();
    for (String buyer : buyers.subList(0, 3)) {
      orders.add(org.buy(buyer, eventId, 2));
    }
    assertThat(org.hold(buyers.get(3), eventId, 1).statusCode()).isEqualTo(201);

    HttpResponse<Buffer> r = cancel(organizer, eventId);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    JsonObject cancelled = r.bodyAsJsonObject();
    assertThat(cancelled.getString("status")).isEqualTo("cancelled");
    // The refund requests were written with the cancel, before it was answered.
    assertThat(api.count("select count(*) from outbox where key = $1 "
        + "and payload::json->>'type' = 'refund.requested' "
        + "and payload::json->>'reason' = 'event-cancelled'", eventId)).isEqualTo(3);

    // Sales stop.
    org.awaitSalesClosed(api.buyers(1).get(0), eventId);

    // Every order is refunded with its payment, and its tickets are void.
    assertThat(Api.eventually(Duration.ofSeconds(20), () -> api.count("select count(*) from "
        + "orders where event_id = $1::uuid and status = 'refunded' and reason = "
        + "'event-cancelled'", eventId) == 3)).isTrue();
    assertThat(api.count("select count(*) from tickets where event_id = $1::uuid "
        + "and status <> 'void'", eventId)).isZero();
    assertThat(api.count("select count(*) from tickets where event_id = $1::uuid", eventId))
        .isEqualTo(6);
    assertThat(api.count("select count(*) from payments where event_id = $1::uuid "
        + "and status = 'refunded'", eventId)).isEqualTo(3);
    JsonObject order = api.call(HttpMethod.GET, "/v1/orders/" + orders.get(0), buyers.get(0),
        null).bodyAsJsonObject();
    assertThat(order.getString("status")).isEqualTo("refunded");
    assertThat(order.getString("reason")).isEqualTo("event-cancelled");
    assertThat(order.getJsonArray("tickets").getJsonObject(0).getString("status"))
        .isEqualTo("void");

    // Cancelling again is harmless, and refunds nothing twice.
    HttpResponse<Buffer> again = cancel(organizer, eventId);
    assertThat(again.statusCode()).as(again.bodyAsString()).isEqualTo(200);
    assertThat(again.bodyAsJsonObject()).isEqualTo(cancelled);
    assertThat(api.count("select count(*) from orders where event_id = $1::uuid", eventId))
        .isEqualTo(3);

    // Only its organizer sees the cancelled event now.
    assertProblem(api.call(HttpMethod.GET, "/v1/events/" + eventId, null, null), 404,
        "not-found");
    assertThat(org.event(organizer, eventId).getString("status")).isEqualTo("cancelled");
  }

  @Test
  @DisplayName("a payment that succeeds after the cancel is refunded instead of confirmed")
  void latePaymentIsRefunded() {
    String eventId = org.onSale(organizer, Organizing.body("Too-late night", 10));
    String buyer = api.buyers(1).get(0);
    HttpResponse<Buffer> hold = org.hold(buyer, eventId, 2);
    String holdId = hold.bodyAsJsonObject().getString("holdId");
    String paymentId = Api.await(api.request(HttpMethod.POST, "/v1/holds/" + holdId
            + "/checkout", buyer).putHeader("Idempotency-Key", holdId).send())
        .bodyAsJsonObject().getString("paymentId");
    assertThat(cancel(organizer, eventId).statusCode()).isEqualTo(200);
    assertThat(api.call(HttpMethod.POST, "/v1/payments/" + paymentId + "/simulate", buyer,
        new JsonObject().put("outcome", "succeeded")).statusCode()).isEqualTo(202);
    assertThat(Api.eventually(Duration.ofSeconds(20), () -> api.count("select count(*) from "
        + "orders where payment_id = $1::uuid and status = 'refunded' and reason = "
        + "'event-cancelled'", paymentId) == 1)).isTrue();
    assertThat(api.count("select count(*) from tickets where event_id = $1::uuid", eventId))
        .isZero();
  }

  @Test
  @DisplayName("a draft is cancelled without touching the core, and an ended event cannot be")
  void draftsAndEndedEvents() {
    String draft = org.draft(organizer, Organizing.body("Never-published night", 10))
        .getString("id");
    HttpResponse<Buffer> r = cancel(organizer, draft);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    assertThat(r.bodyAsJsonObject().getString("status")).isEqualTo("cancelled");
    assertProblem(api.call(HttpMethod.GET, "/v1/events/" + draft + "/availability", null, null),
        404, "not-found");
    assertProblem(api.call(HttpMethod.POST, "/v1/events/" + draft + "/publish", organizer,
        null), 409, "invalid-state");

    String ended = org.onSale(organizer, Organizing.body("Past night", 10));
    api.count("with e as (update events set status = 'ended' where id = $1::uuid returning 1) "
        + "select count(*) from e", ended);
    assertProblem(cancel(organizer, ended), 409, "invalid-state");
  }

  @Test
  @DisplayName("only the organizer or an admin cancels: a buyer is refused, another organizer finds nothing")
  void onlyTheOwnerCancels() {
    String eventId = org.onSale(organizer, Organizing.body("Guarded night", 10));
    assertProblem(cancel(api.buyers(1).get(0), eventId), 403, "forbidden");
    assertProblem(cancel(api.organizer(), eventId), 404, "not-found");
    assertProblem(cancel(null, eventId), 401, "unauthorized");
    assertThat(org.event(organizer, eventId).getString("status")).isEqualTo("on_sale");
    assertThat(cancel(api.admin(), eventId).statusCode()).isEqualTo(200);
  }
}
