package io.holdfast.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.holdfast.contracts.Topics;
import io.holdfast.contracts.topic.HoldsPlaced;
import io.holdfast.contracts.topic.HoldsTopic;
import io.holdfast.edge.http.RequestIds;
import io.holdfast.expiry.ExpiryWorkerVerticle;
import io.holdfast.notify.events.MailEventsVerticle;
import io.holdfast.testkit.kafka.TopicReader;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * One request's ID, followed from the edge's answer through the core's record on the holds
 * topic to the worker's log line about the hold; and through a payment's outbox record to the
 * payment-worker's and the mail's lines.
 */
@DisplayName("A request's X-Request-Id")
class RequestIdTraceTest extends ApiTestBase {
  private static final Duration WAIT = Duration.ofSeconds(30);

  private HttpResponse<Buffer> hold(String buyer, String eventId, String requestId,
      JsonObject body) {
    return Api.await(api.request(HttpMethod.POST, "/v1/events/" + eventId + "/holds", buyer)
        .putHeader("Idempotency-Key", UUID.randomUUID().toString())
        .putHeader(RequestIds.HEADER, requestId).sendBuffer(body.toBuffer()));
  }

  @Test
  @DisplayName("a hold sent with X-Request-Id: test-… is answered with it, the holds topic's "
      + "record carries it in its header, and the expiry worker's line about the hold names it")
  void followsAHold() {
    String eventId = api.onSaleEvent(api.organizer(), 10, 300, 4);
    String buyer = api.buyers(1).get(0);
    String requestId = "test-" + UUID.randomUUID();
    // The record's request ID for each hold ID the reader has seen.
    Map<String, String> published = new ConcurrentHashMap<>();
    KafkaConsumer<String, String> reader = Api.await(TopicReader.read(api.platform.vertx(),
        api.platform.config(), "request-id-trace-" + UUID.randomUUID(), Topics.HOLDS,
        record -> {
          HoldsPlaced placed = HoldsTopic.decode(record.value());
          String ids = HoldsTopic.requestIds(record.record().headers());
          for (int i = 0; placed != null && i < placed.holdIds().size(); i++) {
            String id = HoldsTopic.requestIdAt(ids, i);
            published.put(placed.holdIds().get(i), id == null ? "(none)" : id);
          }
        }));
    try (LogCapture worker = LogCapture.of(ExpiryWorkerVerticle.class, Level.DEBUG)) {
      HttpResponse<Buffer> held = hold(buyer, eventId, requestId,
          new JsonObject().put("section", "GA").put("quantity", 2));
      assertThat(held.statusCode()).as(held.bodyAsString()).isEqualTo(201);
      assertThat(held.getHeader(RequestIds.HEADER)).isEqualTo(requestId);
      String holdId = held.bodyAsJsonObject().getString("holdId");

      assertThat(Api.eventually(WAIT, () -> published.containsKey(holdId)))
          .as("the hold's record reached the holds topic").isTrue();
      assertThat(published.get(holdId)).as("the request ID in the record's header")
          .isEqualTo(requestId);
      assertThat(Api.eventually(WAIT, () -> !worker.withRequestId(requestId).isEmpty()))
          .as("the expiry worker wrote a line with the request ID").isTrue();
      ILoggingEvent line = worker.withRequestId(requestId).get(0);
      assertThat(line.getFormattedMessage()).contains(holdId);
    } finally {
      Api.await(reader.close());
    }
  }

  @Test
  @DisplayName("a malformed X-Request-Id is replaced by one the edge makes, and a refusal "
      + "answers the request's ID too")
  void replacesAMalformedOne() {
    String eventId = api.onSaleEvent(api.organizer(), 10, 300, 4);
    String buyer = api.buyers(1).get(0);
    HttpResponse<Buffer> held = hold(buyer, eventId, "not an ID; it has spaces",
        new JsonObject().put("section", "GA").put("quantity", 1));
    assertThat(held.statusCode()).as(held.bodyAsString()).isEqualTo(201);
    assertThat(held.getHeader(RequestIds.HEADER)).matches("[0-9a-f]{32}");
    HttpResponse<Buffer> tooMany = hold(buyer, eventId, "test-refused-" + eventId,
        new JsonObject().put("section", "GA").put("quantity", 5));
    assertThat(tooMany.statusCode()).as(tooMany.bodyAsString()).isEqualTo(429);
    assertThat(tooMany.bodyAsJsonObject().getString("type")).endsWith("/purchase-limit");
    assertThat(tooMany.getHeader("Content-Type")).isEqualTo("application/problem+json");
    assertThat(tooMany.getHeader(RequestIds.HEADER)).isEqualTo("test-refused-" + eventId);
  }

  @Test
  @DisplayName("the request that pays carries its ID through the payments and orders topics: "
      + "the payment-worker's line about the order and the mail's line name it")
  void followsAPayment() {
    String eventId = api.onSaleEvent(api.organizer(), 10, 300, 4);
    String buyer = api.buyers(1).get(0);
    String holdId = hold(buyer, eventId, "test-hold-" + eventId,
        new JsonObject().put("section", "GA").put("quantity", 1)).bodyAsJsonObject()
        .getString("holdId");
    HttpResponse<Buffer> checkout = Api.await(api.request(HttpMethod.POST,
        "/v1/holds/" + holdId + "/checkout", buyer).putHeader("Idempotency-Key", holdId).send());
    assertThat(checkout.statusCode()).as(checkout.bodyAsString()).isEqualTo(201);
    String paymentId = checkout.bodyAsJsonObject().getString("paymentId");
    String requestId = "test-pay-" + UUID.randomUUID();
    // The payment-worker's settlement (package-private there) writes the lines about orders.
    try (LogCapture settlement = LogCapture.of("io.holdfast.payment.Settlement", Level.INFO);
        LogCapture mail = LogCapture.of(MailEventsVerticle.class, Level.INFO)) {
      HttpResponse<Buffer> paid = Api.await(api.request(HttpMethod.POST,
              "/v1/payments/" + paymentId + "/simulate", buyer)
          .putHeader(RequestIds.HEADER, requestId)
          .sendJsonObject(new JsonObject().put("outcome", "succeeded")));
      assertThat(paid.statusCode()).as(paid.bodyAsString()).isEqualTo(202);
      assertThat(paid.getHeader(RequestIds.HEADER)).isEqualTo(requestId);

      assertThat(Api.eventually(WAIT, () -> settlement.withRequestId(requestId).stream()
          .anyMatch(e -> e.getFormattedMessage().contains("confirmed: payment " + paymentId))))
          .as("the payment-worker's line about the order carries the request ID").isTrue();
      assertThat(Api.eventually(WAIT, () -> !mail.withRequestId(requestId).isEmpty()))
          .as("the mail owed for the order carries it, from the orders record's header")
          .isTrue();
    }
    assertThat(api.count("select count(*) from outbox where request_id = $1 and topic = $2",
        requestId, Topics.ORDERS)).as("the order's outbox row").isEqualTo(1);
  }
}
