package io.holdfast.contracts.hold;

import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.contracts.problem.Problems;
import io.vertx.core.buffer.Buffer;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Hold messages between cluster members")
class HoldCodecsTest {
  @Test
  @DisplayName("a batch survives the wire, with and without an ID named by the edge, with a cap "
      + "and with the request's ID")
  void batch() {
    HoldBatch batch = new HoldBatch(List.of(
        new HoldRequest("e-1", "b-1", "GA", 2, HoldKey.next(3).toString()),
        new HoldRequest("e-1", "b-é", "Balcón", 1),
        HoldRequest.seats("e-1", "p-1", List.of("A-1-5", "B-2-6"), null, "customer-9"),
        new HoldRequest("e-1", "b-2", "A", 3, null, null, true, null),
        new HoldRequest("e-1", "b-3", "GA", 1).capped(10),
        new HoldRequest("e-1", "b-4", "GA", 1).capped(0, "test-7f3a")));
    HoldCodecs.BatchCodec codec = new HoldCodecs.BatchCodec();
    Buffer wire = Buffer.buffer().appendString("prefix");
    codec.encodeToWire(wire, batch);
    assertThat(codec.decodeFromWire(6, wire)).isEqualTo(batch);
    assertThat(codec.transform(batch)).isSameAs(batch);
  }

  @Test
  @DisplayName("outcomes survive the wire: grants field by field, refusals as their problem")
  void outcomes() {
    HoldGrant grant = new HoldGrant(HoldKey.next(0).toString(), "e-1", "GA", 2, 10_000, "EUR",
        "2026-11-22T03:00:00Z", "2026-11-22T03:05:00Z");
    HoldBatch.Outcomes outcomes = new HoldBatch.Outcomes(List.of(HoldOutcome.granted(grant),
        HoldOutcome.refused(Problems.purchaseLimit(4, 1))));
    HoldCodecs.OutcomesCodec codec = new HoldCodecs.OutcomesCodec();
    Buffer wire = Buffer.buffer();
    codec.encodeToWire(wire, outcomes);
    HoldBatch.Outcomes back = codec.decodeFromWire(0, wire);
    assertThat(back.outcomes().get(0).grant()).isEqualTo(grant);
    HoldGrant seated = new HoldGrant(HoldKey.next(1).toString(), "e-1", "A",
        List.of("A-1-5", "A-1-6"), 2, 10_000, "EUR", "2026-11-22T03:00:00Z",
        "2026-11-22T03:05:00Z");
    Buffer seatedWire = Buffer.buffer();
    codec.encodeToWire(seatedWire, new HoldBatch.Outcomes(List.of(HoldOutcome.granted(seated))));
    assertThat(codec.decodeFromWire(0, seatedWire).outcomes().get(0).grant()).isEqualTo(seated);
    assertThat(back.outcomes().get(1).problem().toJson())
        .isEqualTo(Problems.purchaseLimit(4, 1).toJson());
  }

  @Test
  @DisplayName("a hold key names its book, parses back, and refuses what is not a hold ID")
  void keys() {
    HoldKey key = HoldKey.next(HoldKey.bookOf("event", "buyer"));
    assertThat(HoldKey.parse(key.toString())).isEqualTo(key);
    assertThat(key.book()).isEqualTo(HoldKey.bookOf("event", "buyer"));
    assertThat(HoldKey.parse("not-a-hold")).isNull();
    assertThat(HoldKey.parse(null)).isNull();
    assertThat(HoldKey.parse("zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz")).isNull();
    // Not minted by us: a hold key always carries the UUID variant bits.
    assertThat(HoldKey.parse("00000000-0000-0000-0000-000000000001")).isNull();
  }
}
