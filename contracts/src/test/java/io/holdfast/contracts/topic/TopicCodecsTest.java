package io.holdfast.contracts.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The records of the holds, payments, orders and tickets topics")
class TopicCodecsTest {
  private static final UUID PAYMENT = UUID.randomUUID();
  private static final UUID HOLD = UUID.randomUUID();
  private static final UUID EVENT = UUID.randomUUID();
  private static final UUID ORDER = UUID.randomUUID();

  @Test
  @DisplayName("placed holds survive the topic, and a record of one hold as the core once wrote it is still read")
  void holds() {
    HoldsPlaced placed = new HoldsPlaced("ev\"il", 1_800_000_000_123L,
        List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString()));
    assertThat(HoldsTopic.decode(HoldsTopic.encode(placed))).isEqualTo(placed);
    String one = new JsonObject().put("type", "hold.placed").put("eventId", "e-1")
        .put("expiresAt", 5L).put("holdId", "h-1").encode();
    assertThat(HoldsTopic.decode(one)).isEqualTo(new HoldsPlaced("e-1", 5, List.of("h-1")));
    assertThat(HoldsTopic.decode("{\"type\":\"something.else\"}")).isNull();
    assertThatThrownBy(() -> HoldsTopic.decode("{\"type\":\"holds.placed\",\"holdIds\":[]}"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> HoldsTopic.decode("not json"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName("a window's header names each hold's request in the order of its holds, and a "
      + "record of one request carries its ID")
  void requestIds() {
    Header header = HoldsTopic.requestIds(Arrays.asList("test-a", null, "test-c"));
    Headers headers = new RecordHeaders(new Header[] {header});
    assertThat(header.key()).isEqualTo(RequestIdHeader.KEY);
    String ids = HoldsTopic.requestIds(headers);
    assertThat(HoldsTopic.requestIdAt(ids, 0)).isEqualTo("test-a");
    assertThat(HoldsTopic.requestIdAt(ids, 1)).isNull();
    assertThat(HoldsTopic.requestIdAt(ids, 2)).isEqualTo("test-c");
    assertThat(HoldsTopic.requestIdAt(ids, 3)).isNull();
    assertThat(HoldsTopic.requestIdAt(null, 0)).isNull();
    assertThat(HoldsTopic.requestIds(Arrays.asList(null, null))).isNull();
    assertThat(RequestIdHeader.read(new RecordHeaders(new Header[] {
        RequestIdHeader.of("test-9")}))).isEqualTo("test-9");
    assertThat(RequestIdHeader.of(null)).isNull();
    assertThat(RequestIdHeader.read(new RecordHeaders())).isNull();
  }

  @Test
  @DisplayName("every kind of payment record survives the topic, its report included")
  void payments() {
    PaymentEvent.Report webhook = new PaymentEvent.Report(null, "evt_1", null);
    PaymentEvent.Report reconciled = new PaymentEvent.Report("reconciliation", null,
        "succeeded");
    List<PaymentEvent> all = List.of(
        new PaymentEvent.Succeeded(PAYMENT, HOLD, EVENT, webhook),
        new PaymentEvent.Succeeded(PAYMENT, HOLD, EVENT, reconciled),
        new PaymentEvent.Failed(PAYMENT, HOLD, EVENT, new PaymentEvent.Report("simulated", null,
            null)),
        new PaymentEvent.Canceled(PAYMENT, HOLD, EVENT, PaymentEvent.Report.NONE),
        new PaymentEvent.Refunded(PAYMENT, HOLD, EVENT, "re_1", 500L, 1_000L, webhook),
        new PaymentEvent.Refunded(PAYMENT, HOLD, EVENT, null, null, null, webhook),
        new PaymentEvent.RefundRequested(ORDER, PAYMENT, HOLD, UUID.randomUUID(), EVENT, 9_000,
            "EUR", "event-cancelled", "organizer-1", "2026-11-22T03:00:00Z"));
    for (PaymentEvent event : all) {
      JsonObject wire = new JsonObject(PaymentsTopic.encode(event).encode());
      assertThat(wire.getString("type")).isEqualTo(event.kind().type());
      assertThat(PaymentsTopic.decode(wire)).isEqualTo(event);
    }
    assertThat(PaymentsTopic.decode(new JsonObject().put("type", "test.marker")
        .put("paymentId", PAYMENT.toString()))).isNull();
    assertThatThrownBy(() -> PaymentsTopic.decode(new JsonObject()
        .put("type", "payment.succeeded"))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName("a provider's report becomes the outcome of its kind")
  void outcome() {
    JsonObject extra = new JsonObject().put("refundId", "re_2").put("amountRefunded", 300L)
        .put("amount", 900L).put("stripeEventId", "evt_2");
    assertThat(PaymentsTopic.outcome(PaymentEvent.Kind.REFUNDED, PAYMENT, HOLD, EVENT, extra))
        .isEqualTo(new PaymentEvent.Refunded(PAYMENT, HOLD, EVENT, "re_2", 300L, 900L,
            new PaymentEvent.Report(null, "evt_2", null)));
    assertThatThrownBy(() -> PaymentsTopic.outcome(PaymentEvent.Kind.REFUND_REQUESTED, PAYMENT,
        HOLD, EVENT, new JsonObject())).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName("both kinds of order record survive the topic")
  void orders() {
    for (OrderEvent event : List.of(new OrderEvent.Confirmed(ORDER, PAYMENT, HOLD, EVENT),
        new OrderEvent.Refunded(ORDER, PAYMENT, HOLD, EVENT, "seats-resold"))) {
      JsonObject wire = new JsonObject(OrdersTopic.encode(event).encode());
      assertThat(OrdersTopic.decode(wire)).isEqualTo(event);
    }
    assertThat(OrdersTopic.encode(new OrderEvent.Confirmed(ORDER, PAYMENT, HOLD, EVENT))
        .getString("type")).isEqualTo("order.confirmed");
  }

  @Test
  @DisplayName("a transfer's record survives the tickets topic, and a kind unknown here reads as null")
  void tickets() {
    TicketEvent event = new TicketEvent.Transferred(ORDER, EVENT, 3, PAYMENT, HOLD);
    JsonObject wire = new JsonObject(TicketsTopic.encode(event).encode());
    assertThat(wire.getString("type")).isEqualTo("ticket.transferred");
    assertThat(wire.getInteger("version")).isEqualTo(3);
    assertThat(TicketsTopic.decode(wire)).isEqualTo(event);
    assertThat(TicketsTopic.decode(wire.copy().put("type", "ticket.melted"))).isNull();
  }
}
