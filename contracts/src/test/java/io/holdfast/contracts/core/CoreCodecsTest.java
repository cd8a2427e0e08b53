package io.holdfast.contracts.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The core's messages between processes")
class CoreCodecsTest {
  static final HoldView HOLD = new HoldView("h-1", "e-1", "b-1", "A", List.of("A-1-5", "A-1-6"),
      2, 9_000, "EUR", "2026-11-22T03:00:00Z", "2026-11-22T03:05:00Z", HoldStatus.CONFIRMED,
      "customer-7");

  /** One message of every kind, with its optional parts both present and absent. */
  static final List<Object> SAMPLES = List.of(
      new LoadEvent("e-1", "EUR", "2026-11-22T03:00:00Z", "2026-11-23T03:00:00Z", null, 4, 300,
          "on_sale", List.of(
              new LoadEvent.Section("GA", SectionKind.GENERAL, 2_500, 100, 4, null),
              new LoadEvent.Section("B", SectionKind.RESERVED, 4_000, 0, 0,
                  List.of(new LoadEvent.Row("A", 10), new LoadEvent.Row("B", 12)))),
          List.of(), false),
      new LoadEvent("e-2", "EUR", "2026-11-22T03:00:00Z", "2026-11-23T03:00:00Z",
          "2026-11-24T03:00:00Z", 4, 300, "ended", List.of(),
          List.of(new LoadEvent.SoldHold("h-1", "b-1", "GA", List.of(3, 1, 2),
              "2026-11-22T03:01:00Z")), true),
      new Loaded("e-1", 4, 2, false, false), Loaded.rebuildingOf("e-1"), Loaded.endedOf("e-2"),
      AvailabilityRequest.of("e-1"), AvailabilityRequest.counts("e-1"),
      new Availability("e-1", new Availability.Counts(110, 100, 6, 4), List.of(
          new Availability.Section("GA", SectionKind.GENERAL,
              new Availability.Counts(100, 95, 3, 2), null),
          new Availability.Section("B", SectionKind.RESERVED,
              new Availability.Counts(10, 5, 3, 2),
              List.of(new Availability.SeatRow("A", "ffhhh"), new Availability.SeatRow("B",
                  "ssfff"))))),
      new GetHold("h-1", "b-1"), GetHold.any("h-1"),
      HOLD, new HoldView("h-2", "e-1", "b-é", "GA", List.of(), 1, 2_500, "EUR",
          "2026-11-22T03:00:00Z", "2026-11-22T03:05:00Z", HoldStatus.ACTIVE, null),
      new Release("h-1", "b-1"), new Abandon("h-1"), new HoldChanged(HoldStatus.RELEASED),
      Expire.one("h-1"), new Expire(List.of("h-1", "h-2")), Expired.DONE, Expired.notDue(1_500),
      new Confirm("h-1"),
      Confirmation.confirmed(HOLD, List.of(new Confirmation.Ticket("A", 4, "A-1-5"),
          new Confirmation.Ticket("GA", 17, null))),
      Confirmation.unavailable(HOLD, Confirmation.SEATS_RESOLD),
      Confirmation.unavailable(null, Confirmation.HOLD_UNKNOWN),
      new Refund("h-1"), new RefundResult(HoldStatus.REFUNDED, 2),
      new RefundResult(HoldStatus.ACTIVE, 0), new Ping(), new Pong(3),
      new RebuildEvents(List.of("e-1", "e-2"), true), new Rebuilt(List.of("e-1"), false),
      new EventRebuilt("e-1", 1_764_000_000_000L));

  @Test
  @DisplayName("every message survives the wire: encoded, then decoded, it is equal")
  void roundTrip() {
    for (Object message : SAMPLES) {
      assertThat(wire(message)).as(message.getClass().getSimpleName()).isEqualTo(message);
    }
  }

  @Test
  @DisplayName("every message kind of the contract has a sample here, and in one JVM it is handed over as it is")
  void everyKind() {
    Set<Class<?>> kinds = SAMPLES.stream().map(Object::getClass).collect(Collectors.toSet());
    assertThat(kinds).hasSize(CoreCodecs.size());
    for (Object message : SAMPLES) {
      assertThat(codecOf(message).transform(message)).isSameAs(message);
    }
  }

  @Test
  @DisplayName("a reply's JSON is the shape the public API shows")
  void shapes() {
    Availability availability = (Availability) SAMPLES.get(7);
    assertThat(availability.toJson().encode()).isEqualTo("{\"capacity\":110,\"available\":100,"
        + "\"held\":6,\"sold\":4,\"eventId\":\"e-1\",\"sections\":[{\"capacity\":100,"
        + "\"available\":95,\"held\":3,\"sold\":2,\"sectionId\":\"GA\",\"kind\":\"general\"},"
        + "{\"capacity\":10,\"available\":5,\"held\":3,\"sold\":2,\"sectionId\":\"B\","
        + "\"kind\":\"reserved\",\"rows\":[{\"label\":\"A\",\"seats\":\"ffhhh\"},"
        + "{\"label\":\"B\",\"seats\":\"ssfff\"}]}]}");
    assertThat(HOLD.toJson().fieldNames()).containsExactly("holdId", "eventId", "buyerId",
        "sectionId", "seats", "quantity", "amountCents", "currency", "createdAt", "expiresAt",
        "status", "onBehalfOf");
    assertThat(new RefundResult(HoldStatus.ACTIVE, 0).toJson())
        .isEqualTo(new JsonObject().put("status", "active"));
  }

  @Test
  @DisplayName("an event row as the edge reads it loads with its extra fields ignored, and a status no one knows is refused")
  void loadFromRow() {
    JsonObject row = new JsonObject().put("id", "e-1").put("name", "Concert")
        .put("currency", "EUR").put("salesStartAt", "2026-11-22T03:00:00Z")
        .put("salesEndAt", "2026-11-23T03:00:00Z").put("maxPerBuyer", 4).put("holdSeconds", 300)
        .put("status", "cancelled").put("sections", List.of(new JsonObject().put("id", "GA")
            .put("name", "Floor").put("kind", "general").put("priceCents", 2_500)
            .put("capacity", 100).put("shards", 4)));
    LoadEvent load = LoadEvent.fromJson(row);
    assertThat(load.finished()).isTrue();
    assertThat(load.sections().get(0).kind()).isEqualTo(SectionKind.GENERAL);
    assertThat(load.rebuilding(List.of()).rebuild()).isTrue();
    assertThatThrownBy(() -> HoldStatus.of("lost")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName("registering the codecs twice on one Vert.x is harmless")
  void registerTwice() {
    Vertx vertx = Vertx.vertx();
    try {
      CoreCodecs.register(vertx);
      CoreCodecs.register(vertx);
      assertThat(vertx.sharedData().getLocalMap("holdfast.core.codecs").size()).isEqualTo(1);
    } finally {
      vertx.close();
    }
  }

  @SuppressWarnings("unchecked")
  private static <T> MessageCodec<T, T> codecOf(T message) {
    return CoreCodecs.codec((Class<T>) message.getClass());
  }

  private static <T> T wire(T message) {
    MessageCodec<T, T> codec = codecOf(message);
    Buffer buffer = Buffer.buffer().appendString("head");
    codec.encodeToWire(buffer, message);
    return codec.decodeFromWire(4, buffer);
  }
}
