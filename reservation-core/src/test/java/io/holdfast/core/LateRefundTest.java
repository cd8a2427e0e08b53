package io.holdfast.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.contracts.core.GetHold;
import io.holdfast.contracts.core.Refund;
import io.holdfast.contracts.hold.HoldRequest;
import io.holdfast.testkit.Await;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("A refund days after the sale, in the core")
class LateRefundTest {
  private CoreFixture core;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    core = new CoreFixture(vertx, "late-refund", 5940, new JsonObject());
  }

  @AfterEach
  void stop() {
    core.close();
  }

  @Test
  @DisplayName("returns the seats and the buyer's allowance, while finished holds that were "
      + "never sold are still dropped")
  void refundAfterDays() throws Exception {
    JsonObject event = core.event(20, 2, 60, Duration.ofDays(30));
    String eventId = event.getString("id");
    core.load(event);
    String sold = core.hold(new HoldRequest(eventId, "alice", "G", 2));
    assertThat(core.confirm(sold).getString("status")).isEqualTo("confirmed");
    String released = core.hold(new HoldRequest(eventId, "bob", "G", 1));
    core.release(released, "bob");

    // Three days later (finished holds used to be dropped two days after their expiry); the
    // next hold of each buyer's book lets the book tidy up.
    core.advanceSeconds(Duration.ofDays(3).toSeconds());
    assertThat(Await.problem(core.client.hold(new HoldRequest(eventId, "alice", "G", 1)))
        .slug()).isEqualTo("purchase-limit");
    String bobsNext = core.hold(new HoldRequest(eventId, "bob", "G", 1));
    assertThat(Await.problem(core.send(GetHold.fromJson(new JsonObject().put("holdId", released)))).status()).as("a released hold is dropped")
        .isEqualTo(404);

    assertThat(core.request(new Refund(sold))).isEqualTo(new JsonObject()
        .put("status", "refunded").put("returned", 2));
    JsonObject counts = core.counts(eventId);
    assertThat(counts.getInteger("sold")).isZero();
    assertThat(counts.getInteger("held")).isEqualTo(1);
    assertThat(counts.getInteger("available")).isEqualTo(19);
    String again = core.hold(new HoldRequest(eventId, "alice", "G", 2));
    assertThat(core.confirm(again).getString("status")).isEqualTo("confirmed");
    assertThat(core.confirm(bobsNext).getString("status")).isEqualTo("confirmed");
    assertThat(core.counts(eventId).getInteger("sold")).isEqualTo(3);
  }
}
