package io.holdfast.app;

import static io.holdfast.testkit.http.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Refunding one order")
class RefundTest extends DoorTestBase {
  private HttpResponse<Buffer> refund(String token, String orderId, Object body) {
    return api.call(HttpMethod.POST, "/v1/orders/" + orderId + "/refund", token, body);
  }

  private boolean refunded(String orderId, String reason) {
    return api.count("select count(*) from orders where id = $1::uuid and status = 'refunded' "
        + "and reason = $2", orderId, reason) == 1;
  }

  @Test
  @DisplayName("the organizer refunds a confirmed order: 202, then the payment-worker refunds it once, its tickets void; again is a 409")
  void organizerRefunds() {
    String eventId = org.onSale(organizer, Organizing.body("Change-of-plans night", 10));
    List<String> buyers = api.buyers(2);
    String buyer = buyers.get(0);
    String orderId = org.buy(buyer, eventId, 2);
    String kept = org.buy(buyers.get(1), eventId, 1);
    JsonObject ticket = tickets(buyer, orderId).get(0);

    HttpResponse<Buffer> r = refund(organizer, orderId,
        new JsonObject().put("reason", "customer-request"));
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(202);
    JsonObject accepted = r.bodyAsJsonObject();
    assertThat(accepted.getString("orderId")).isEqualTo(orderId);
    assertThat(accepted.getString("eventId")).isEqualTo(eventId);
    assertThat(accepted.getJsonArray("tickets")).hasSize(2);
    // The codes get the holder in at the door: they are the buyer's, never the organizer's.
    assertThat(accepted.encode()).doesNotContain(ticket.getString("code"));
    assertThat(accepted.getJsonArray("tickets")).allSatisfy(t ->
        assertThat(((JsonObject) t).containsKey("code")).isFalse());
    assertThat(accepted.encode()).doesNotContain(ticket.getString("rotatingSecret"));

    assertThat(Api.eventually(Duration.ofSeconds(20), () -> refunded(orderId,
        "customer-request"))).isTrue();
    JsonObject order = order(buyer, orderId);
    assertThat(order.getString("status")).isEqualTo("refunded");
    assertThat(order.getString("reason")).isEqualTo("customer-request");
    assertThat(api.count("select count(*) from tickets where order_id = $1::uuid "
        + "and status = 'void'", orderId)).isEqualTo(2);
    assertThat(api.count("select count(*) from payments p join orders o on o.payment_id = p.id "
        + "where o.id = $1::uuid and p.status = 'refunded'", orderId)).isEqualTo(1);
    // Only that order: the other buyer's stays as it was.
    assertThat(order(buyers.get(1), kept).getString("status")).isEqualTo("confirmed");

    assertProblem(refund(organizer, orderId, null), 409, "invalid-state");
    assertProblem(checkIn(organizer, ticket.getString("code")), 409, "ticket-void");
    assertSound(eventId, 10);
  }

  @Test
  @DisplayName("only the event's organizer or an admin refunds: the buyer, another buyer and another organizer find nothing")
  void onlyTheEventsSideRefunds() {
    String eventId = org.onSale(organizer, Organizing.body("Guarded refunds night", 10));
    List<String> buyers = api.buyers(2);
    String buyer = buyers.get(0);
    String orderId = org.buy(buyer, eventId, 1);

    for (String token : new String[] {buyer, buyers.get(1), api.organizer()}) {
      assertProblem(refund(token, orderId, null), 404, "not-found");
    }
    assertProblem(refund(null, orderId, null), 401, "unauthorized");
    assertProblem(refund(organizer, UUID.randomUUID().toString(), null), 404, "not-found");
    assertProblem(refund(organizer, "not-an-order", null), 404, "not-found");
    assertProblem(refund(organizer, orderId, new JsonObject().put("reason", 5)), 422,
        "validation");
    assertProblem(refund(organizer, orderId, new JsonObject().put("why", "x")), 422,
        "validation");
    assertProblem(refund(organizer, orderId, "[1]"), 400, "malformed-json");
    assertThat(order(buyer, orderId).getString("status")).isEqualTo("confirmed");

    String code = tickets(buyer, orderId).get(0).getString("code");
    HttpResponse<Buffer> r = refund(api.admin(), orderId, null);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(202);
    assertThat(r.bodyAsString()).doesNotContain(code).doesNotContain("\"code\"");
    assertThat(Api.eventually(Duration.ofSeconds(20), () -> refunded(orderId,
        "refund-requested"))).isTrue();
    assertSound(eventId, 10);
  }
}
