package io.holdfast.core;

import java.util.concurrent.TimeUnit;
import io.vertx.core.Future;
import io.holdfast.contracts.problem.ProblemException;
import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.contracts.core.GetHold;
import io.holdfast.contracts.hold.HoldRequest;
import io.holdfast.core.grid.GridMaps;
import io.holdfast.testkit.Await;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("The inventory of an event that ended")
class EvictionTest {
  private static final int CAPACITY = 20;
  private CoreFixture core;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    // Evicted an hour after the end, looked for every 100 ms.
    core = new CoreFixture(vertx, "eviction", 5950, new JsonObject()
        .put("core.evictAfterEndSeconds", 3600).put("core.evictIntervalMillis", 100));
  }

  @AfterEach
  void stop() {
    core.close();
  }

  private boolean hasInventory(String eventId) {
    return core.member.getMap(GridMaps.INVENTORY).containsKey(GridMaps.shardKey(eventId, 0))
        || core.member.getMap(GridMaps.INVENTORY).containsKey(GridMaps.shardKey(eventId, 1));
  }

  private static boolean eventually(BooleanSupplier check) {
    return Await.eventually(Duration.ofSeconds(20), check);
  }

  /** Whether the core answers 404 for the hold (its book forgot it). */
  private boolean unknown(String holdId) {
    Future<?> read = core.send(GetHold.any(holdId));
    try {
      read.await(60, TimeUnit.SECONDS);
      return false;
    } catch (Exception e) {
      return read.cause() instanceof ProblemException pe && pe.problem().status() == 404;
    }
  }

  private String holdRefusal(String eventId) {
    return Await.problem(core.client.hold(new HoldRequest(eventId, "zoe", "G", 1)))
        .slug();
  }

  private void assertOver(String eventId, int sold) throws Exception {
    assertThat(hasInventory(eventId)).isFalse();
    assertThat(holdRefusal(eventId)).isEqualTo("sales-closed");
    JsonObject counts = core.counts(eventId);
    assertThat(counts.getInteger("capacity")).isEqualTo(CAPACITY);
    assertThat(counts.getInteger("sold")).isEqualTo(sold);
    assertThat(counts.getInteger("held")).isZero();
    assertThat(counts.getInteger("available")).isEqualTo(CAPACITY - sold);
  }

  @Test
  @DisplayName("is evicted with its holds and allowances once it ended longer than the grace "
      + "ago, while an event still running keeps its own; it then answers as over, and no "
      + "reload or rebuild brings it back")
  void evictedOnceOver() throws Exception {
    JsonObject ended = core.event(CAPACITY, 4, 600, Duration.ofHours(1));
    String eventId = ended.getString("id");
    core.load(ended);
    JsonObject running = core.event(CAPACITY, 4, 600, Duration.ofDays(5));
    String runningId = running.getString("id");
    core.load(running);
    String sold = core.hold(new HoldRequest(eventId, "alice", "G", 3));
    assertThat(core.confirm(sold).getString("status")).isEqualTo("confirmed");
    String held = core.hold(new HoldRequest(eventId, "bob", "G", 2));
    String otherSold = core.hold(new HoldRequest(runningId, "alice", "G", 2));
    assertThat(core.confirm(otherSold).getString("status")).isEqualTo("confirmed");

    // Ended, but within the grace: kept (a late refund still returns its seats).
    core.advanceSeconds(Duration.ofMinutes(90).toSeconds());
    Thread.sleep(500);
    assertThat(hasInventory(eventId)).isTrue();
    assertThat(core.request(GetHold.any(sold)).getString("status")).isEqualTo("confirmed");

    core.advanceSeconds(Duration.ofMinutes(31).toSeconds());
    // The sweep drops the inventory first and the books last: wait for the whole of it.
    assertThat(eventually(() -> !hasInventory(eventId) && unknown(sold) && unknown(held)))
        .as("evicted by the sweep").isTrue();
    assertOver(eventId, 3);
    for (String holdId : List.of(sold, held)) {
      assertThat(Await.problem(core.send(GetHold.fromJson(new JsonObject().put("holdId", holdId)))).status()).isEqualTo(404);
    }
    JsonObject latePayment = core.confirm(held);
    assertThat(latePayment.getString("status")).isEqualTo("unavailable");
    assertThat(hasInventory(eventId)).as("a late payment takes nothing back").isFalse();

    // The running event kept everything, alice's allowance there included.
    assertThat(hasInventory(runningId)).isTrue();
    assertThat(core.request(GetHold.any(otherSold)).getString("status"))
        .isEqualTo("confirmed");
    assertThat(Await.problem(core.client.hold(new HoldRequest(runningId, "alice", "G",
        3))).slug()).isEqualTo("purchase-limit");
    assertThat(core.counts(runningId).getInteger("sold")).isEqualTo(2);

    // A reload (publish, edit, cancel) changes nothing.
    assertThat(core.load(ended).getBoolean("ended")).isTrue();
    assertOver(eventId, 3);

    // Nor does a rebuild after the whole grid restarted, with what PostgreSQL says was sold.
    for (String map : List.of(GridMaps.INVENTORY, GridMaps.BOOKS_MAP, GridMaps.EVENTS)) {
      core.member.getMap(map).clear();
    }
    core.load(ended.copy().put("sold", new JsonArray().add(new JsonObject()
        .put("holdId", sold).put("buyerId", "alice").put("sectionId", "G")
        .put("slots", new JsonArray().add(0).add(1).add(2)))));
    assertOver(eventId, 3);
    assertThat(Await.problem(core.send(GetHold.fromJson(new JsonObject().put("holdId", sold)))).status()).isEqualTo(404);
  }
}
