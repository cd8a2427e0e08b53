package io.holdfast.app;

import static io.holdfast.testkit.http.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Buyers' objects are their own")
class OwnershipTest extends DoorTestBase {
  private HttpResponse<Buffer> checkout(String token, String holdId) {
    return Api.await(api.request(HttpMethod.POST, "/v1/holds/" + holdId + "/checkout", token)
        .putHeader("Idempotency-Key", "checkout-" + holdId + "-" + token.hashCode()).send());
  }

  private String holdId(String buyer, String eventId) {
    HttpResponse<Buffer> hold = org.hold(buyer, eventId, 1);
    assertThat(hold.statusCode()).as(hold.bodyAsString()).isEqualTo(201);
    return hold.bodyAsJsonObject().getString("holdId");
  }

  @Test
  @DisplayName("buyer A cannot read, release, check out, pay, refund or check in buyer B's hold, payment, order or ticket: each is a 404, and B's objects stay as they were")
  void anotherBuyersObjectsAreNotFound() {
    String eventId = org.onSale(organizer, Organizing.body("Mine-not-yours night", 10));
    List<String> buyers = api.buyers(2);
    String a = buyers.get(0);
    String b = buyers.get(1);
    String orderId = org.buy(b, eventId, 2);
    JsonObject ticket = tickets(b, orderId).get(0);
    String ticketId = ticket.getString("ticketId");
    String holdId = holdId(b, eventId);
    String paidHold = holdId(b, eventId);
    HttpResponse<Buffer> started = checkout(b, paidHold);
    assertThat(started.statusCode()).as(started.bodyAsString()).isEqualTo(201);
    String paymentId = started.bodyAsJsonObject().getString("paymentId");

    // Every route that reaches one of B's objects answers A as if it did not exist.
    assertProblem(api.call(HttpMethod.GET, "/v1/holds/" + holdId, a, null), 404, "not-found");
    assertProblem(api.call(HttpMethod.DELETE, "/v1/holds/" + holdId, a, null), 404,
        "not-found");
    assertProblem(checkout(a, holdId), 404, "not-found");
    assertProblem(api.call(HttpMethod.GET, "/v1/payments/" + paymentId, a, null), 404,
        "not-found");
    assertProblem(api.call(HttpMethod.POST, "/v1/payments/" + paymentId + "/simulate", a,
        new JsonObject().put("outcome", "succeeded")), 404, "not-found");
    assertProblem(api.call(HttpMethod.GET, "/v1/orders/" + orderId, a, null), 404, "not-found");
    assertProblem(api.call(HttpMethod.POST, "/v1/orders/" + orderId + "/refund", a, null), 404,
        "not-found");
    assertProblem(api.call(HttpMethod.GET, "/v1/tickets/" + ticketId, a, null), 404,
        "not-found");
    assertProblem(checkIn(a, ticket.getString("code")), 404, "unknown-ticket");
    for (String list : new String[] {"/v1/orders", "/v1/tickets", "/v1/payments"}) {
      HttpResponse<Buffer> r = api.call(HttpMethod.GET, list, a, null);
      assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
      assertThat(r.bodyAsJsonObject().getJsonArray("items")).as(list).isEmpty();
    }
    // A buyer does not refund or check in even their own order: that is the organizer's.
    assertProblem(api.call(HttpMethod.POST, "/v1/orders/" + orderId + "/refund", b, null), 404,
        "not-found");
    assertProblem(checkIn(b, ticket.getString("code")), 404, "unknown-ticket");

    // B's objects are unchanged, through the API and in PostgreSQL.
    HttpResponse<Buffer> hold = api.call(HttpMethod.GET, "/v1/holds/" + holdId, b, null);
    assertThat(hold.statusCode()).as(hold.bodyAsString()).isEqualTo(200);
    assertThat(hold.bodyAsJsonObject().getString("status")).isEqualTo("active");
    assertThat(api.count("select count(*) from payments where hold_id = $1::uuid", holdId))
        .isZero();
    HttpResponse<Buffer> payment = api.call(HttpMethod.GET, "/v1/payments/" + paymentId, b,
        null);
    assertThat(payment.statusCode()).as(payment.bodyAsString()).isEqualTo(200);
    assertThat(payment.bodyAsJsonObject().getString("status")).isEqualTo("requires_payment");
    assertThat(api.count("select count(*) from payments where id = $1::uuid "
        + "and status = 'requires_payment'", paymentId)).isEqualTo(1);
    assertThat(order(b, orderId).getString("status")).isEqualTo("confirmed");
    HttpResponse<Buffer> own = api.call(HttpMethod.GET, "/v1/tickets/" + ticketId, b, null);
    assertThat(own.statusCode()).as(own.bodyAsString()).isEqualTo(200);
    JsonObject seen = own.bodyAsJsonObject();
    assertThat(seen.getString("status")).isEqualTo("valid");
    assertThat(seen.getString("code")).isEqualTo(ticket.getString("code"));
    assertThat(seen.getString("orderId")).isEqualTo(orderId);
    assertThat(seen.getString("eventId")).isEqualTo(eventId);
    assertThat(seen.getString("sectionId")).isEqualTo("GA");
    assertThat(seen.getValue("checkedInAt")).isNull();
    assertThat(api.count("select count(*) from tickets where order_id = $1::uuid "
        + "and status = 'valid' and checked_in_at is null", orderId)).isEqualTo(2);
    JsonObject counts = api.availability(eventId);
    assertThat(counts.getInteger("held")).isEqualTo(2);
    assertThat(counts.getInteger("sold")).isEqualTo(2);
    assertSound(eventId, 10);
  }

  @Test
  @DisplayName("a buyer's payment history lists their own payments only, newest first, page by page")
  void paymentHistory() {
    String eventId = org.onSale(organizer, Organizing.body("Receipts night", 10));
    List<String> buyers = api.buyers(2);
    String buyer = buyers.get(0);
    List<String> payments = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      HttpResponse<Buffer> r = checkout(buyer, holdId(buyer, eventId));
      assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
      payments.add(0, r.bodyAsJsonObject().getString("paymentId"));
    }
    checkout(buyers.get(1), holdId(buyers.get(1), eventId));

    HttpResponse<Buffer> first = api.call(HttpMethod.GET, "/v1/payments?limit=2", buyer, null);
    assertThat(first.statusCode()).as(first.bodyAsString()).isEqualTo(200);
    JsonArray page = first.bodyAsJsonObject().getJsonArray("items");
    String cursor = first.bodyAsJsonObject().getString("nextCursor");
    assertThat(cursor).isNotNull();
    JsonObject second = api.call(HttpMethod.GET, "/v1/payments?limit=2&cursor=" + cursor, buyer,
        null).bodyAsJsonObject();
    assertThat(second.getString("nextCursor")).isNull();
    List<String> seen = new ArrayList<>();
    page.addAll(second.getJsonArray("items"));
    for (Object p : page) {
      JsonObject payment = (JsonObject) p;
      seen.add(payment.getString("paymentId"));
      assertThat(payment.getString("eventId")).isEqualTo(eventId);
      assertThat(payment.getString("status")).isEqualTo("requires_payment");
      assertThat(payment.getLong("amountCents")).isEqualTo(2500L);
      assertThat(payment.containsKey("userId")).isFalse();
    }
    assertThat(seen).containsExactlyElementsOf(payments);
    assertProblem(api.call(HttpMethod.GET, "/v1/payments?limit=0", buyer, null), 422,
        "validation");
    assertProblem(api.call(HttpMethod.GET, "/v1/payments", null, null), 401, "unauthorized");
  }
}
