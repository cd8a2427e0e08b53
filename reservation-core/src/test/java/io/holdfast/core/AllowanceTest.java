package io.holdfast.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.contracts.core.Expire;
import io.holdfast.contracts.core.GetHold;
import io.holdfast.contracts.core.Refund;
import io.holdfast.contracts.hold.HoldRequest;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("A paid hold that was released or lapsed, in the core")
class AllowanceTest {
  private static final int CAPACITY = 20;
  private CoreFixture core;
  private String eventId;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    core = new CoreFixture(vertx, "allowance", 5930, new JsonObject());
    JsonObject event = core.event(CAPACITY, 2, 60, null);
    eventId = event.getString("id");
    core.load(event);
  }

  @AfterEach
  void stop() {
    core.close();
  }

  private void assertSold(int sold) throws Exception {
    JsonObject counts = core.counts(eventId);
    assertThat(counts.getInteger("sold")).as(counts.encode()).isEqualTo(sold);
    assertThat(counts.getInteger("sold") + counts.getInteger("held")
        + counts.getInteger("available")).isEqualTo(CAPACITY);
  }

  private static void assertRefused(JsonObject reply) {
    assertThat(reply.getString("status")).as(reply.encode()).isEqualTo("unavailable");
    assertThat(reply.getString("reason")).isEqualTo("purchase-limit");
  }

  @Test
  @DisplayName("is refused when the buyer has held its allowance again since: the later hold "
      + "sells, the released one is forfeited for good, and no seat is sold past the limit")
  void releasedThenHeldAgain() throws Exception {
    String first = core.hold(new HoldRequest(eventId, "alice", "G", 2));
    core.release(first, "alice");
    String second = core.hold(new HoldRequest(eventId, "alice", "G", 2));

    assertRefused(core.confirm(first));
    assertThat(core.confirm(second).getString("status")).isEqualTo("confirmed");
    assertSold(2);
    // Forfeited is final: asked again once the allowance would have room, still refused.
    assertThat(core.request(new Refund(second)).getString("status")).isEqualTo("refunded");
    assertThat(core.confirm(first).getString("status")).isEqualTo("unavailable");
    assertThat(core.request(GetHold.any(first)).getString("status")).isEqualTo("expired");
    assertSold(0);
  }

  @Test
  @DisplayName("is refused after the later hold was sold first, whichever payment lands first")
  void laterHoldSoldFirst() throws Exception {
    String first = core.hold(new HoldRequest(eventId, "alice", "G", 2));
    core.release(first, "alice");
    String second = core.hold(new HoldRequest(eventId, "alice", "G", 2));
    assertThat(core.confirm(second).getString("status")).isEqualTo("confirmed");
    assertRefused(core.confirm(first));
    assertSold(2);
  }

  @Test
  @DisplayName("is refused when it lapsed and the buyer held its allowance again, swept or not")
  void lapsedThenHeldAgain() throws Exception {
    // Lapsed, and dropped from the allowance by the next hold (no expiry run in between).
    String first = core.hold(new HoldRequest(eventId, "alice", "G", 2));
    core.advanceSeconds(61);
    String second = core.hold(new HoldRequest(eventId, "alice", "G", 2));
    assertRefused(core.confirm(first));
    assertThat(core.confirm(second).getString("status")).isEqualTo("confirmed");
    assertSold(2);

    // Lapsed and expired by the expiry-worker's call, then held again.
    String third = core.hold(new HoldRequest(eventId, "bob", "G", 2));
    core.advanceSeconds(61);
    assertThat(core.request(Expire.one(third)).getString("status")).isEqualTo("expired");
    String fourth = core.hold(new HoldRequest(eventId, "bob", "G", 1));
    assertRefused(core.confirm(third));
    assertThat(core.confirm(fourth).getString("status")).isEqualTo("confirmed");
    assertSold(3);
  }

  @Test
  @DisplayName("re-takes its seats when they are free and the allowance has room, and a hold "
      + "lapsed but still counted confirms as before")
  void retakesWithinTheAllowance() throws Exception {
    String released = core.hold(new HoldRequest(eventId, "alice", "G", 2));
    core.release(released, "alice");
    assertThat(core.confirm(released).getString("status")).isEqualTo("confirmed");
    assertThat(core.confirm(released).getString("status")).as("twice answers the same")
        .isEqualTo("confirmed");

    String lapsed = core.hold(new HoldRequest(eventId, "bob", "G", 1));
    core.advanceSeconds(61);
    // bob's other hold fits beside the lapsed one, so his allowance still counts it.
    String other = core.hold(new HoldRequest(eventId, "bob", "G", 1));
    assertThat(core.confirm(lapsed).getString("status")).isEqualTo("confirmed");
    assertThat(core.confirm(other).getString("status")).isEqualTo("confirmed");
    assertSold(4);
  }

  @Test
  @DisplayName("counts a partner's allowance per customer")
  void partnersCountPerCustomer() throws Exception {
    String forAnn = core.hold(partner("ann", 2));
    core.release(forAnn, "partner");
    String benFirst = core.hold(partner("ben", 1));
    core.release(benFirst, "partner");
    String forBen = core.hold(partner("ben", 2));
    assertThat(core.confirm(forAnn).getString("status")).as("ann's allowance has room")
        .isEqualTo("confirmed");
    assertRefused(core.confirm(benFirst));
    assertThat(core.confirm(forBen).getString("status")).isEqualTo("confirmed");
    assertSold(4);
  }

  private HoldRequest partner(String customer, int quantity) {
    return new HoldRequest(eventId, "partner", "G", quantity, null, null, false, customer);
  }
}
