package io.holdfast.app;

import io.holdfast.contracts.core.Availability;
import io.holdfast.contracts.core.AvailabilityRequest;
import io.holdfast.contracts.core.CoreBus;
import io.holdfast.contracts.core.LoadEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.holdfast.contracts.Sharding;
import io.holdfast.contracts.hold.CoreClient;
import io.holdfast.contracts.hold.HoldRequest;
import io.holdfast.contracts.problem.ProblemException;
import io.holdfast.core.ReservationVerticle;
import io.holdfast.core.grid.GridConfig;
import io.holdfast.core.grid.GridMaps;
import io.holdfast.core.restore.InventoryRestoreVerticle;
import io.holdfast.catalog.EventRepository;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Tickets are bought through the platform, so PostgreSQL records them; the event then lives in
 * a grid of three members of the test's own, with the real core and the real rebuild (reading
 * the platform's PostgreSQL). Two members die at once: with one backup, a third of the
 * partitions is lost. A lock on the orders table holds the rebuild up, so that the test sees
 * the event while it is closed.
 */
@DisplayName("A partial loss of the grid")
class GridLossRebuildTest extends OrganizerTestBase {
  private static final int CAPACITY = 300;
  private final List<HazelcastInstance> members = new ArrayList<>();

  @AfterEach
  void stopGrid() {
    members.forEach(m -> {
      if (m.getLifecycleService().isRunning()) {
        m.shutdown();
      }
    });
  }

  private static JsonObject counts(Vertx vertx, String eventId) {
    return Api.await(CoreBus.request(vertx, AvailabilityRequest.of(eventId))
        .map(Availability::toJson));
  }

  private static String refusal(Future<?> f) {
    try {
      f.await(30, TimeUnit.SECONDS);
      return "granted";
    } catch (Exception e) {
      return f.cause() instanceof ProblemException pe ? pe.problem().slug() : e.toString();
    }
  }

  @Test
  @DisplayName("closes the event that lost inventory, keeps a reload from recreating it empty, "
      + "and rebuilds it from the orders PostgreSQL holds before selling again")
  void rebuildsLostPartitionsFromPostgres(Vertx vertx) throws Exception {
    String eventId = api.onSaleEvent(organizer, CAPACITY, 300, 4);
    for (String buyer : api.buyers(10)) {
      org.buy(buyer, eventId, 4);
    }
    String validTickets = "select count(*) from tickets where event_id = $1::uuid "
        + "and status = 'valid'";
    assertThat(api.count(validTickets, eventId)).isEqualTo(40);
    List<String> bought = new ArrayList<>();
    for (Row row : Api.await(api.sql.preparedQuery("select distinct user_id from orders "
        + "where event_id = $1").execute(Tuple.of(UUID.fromString(eventId))))) {
      bought.add(row.getUUID("user_id").toString());
    }

    String cluster = "loss-" + UUID.randomUUID();
    List<String> seeds = List.of("127.0.0.1:5940", "127.0.0.1:5941", "127.0.0.1:5942");
    for (int i = 0; i < 3; i++) {
      members.add(Hazelcast.newHazelcastInstance(
          GridConfig.member(cluster, "127.0.0.1", 5940, seeds)));
    }
    JsonObject config = api.platform.config();
    Api.await(vertx.deployVerticle(() -> new ReservationVerticle(members.get(0)),
        new DeploymentOptions().setConfig(config).setInstances(2)));
    // Its cold start loads every event on sale into this grid, with what PostgreSQL sold.
    Api.await(vertx.deployVerticle(InventoryRestoreVerticle::new,
        new DeploymentOptions().setConfig(config)));
    JsonObject before = counts(vertx, eventId);
    assertThat(before.getInteger("sold")).isEqualTo(40);
    CoreClient core = new CoreClient(vertx, 30_000);
    for (int i = 0; i < 3; i++) {
      Api.await(core.hold(new HoldRequest(eventId, UUID.randomUUID().toString(), "GA", 2)));
    }

    SqlConnection lock = Api.await(api.sql.getConnection());
    try {
      Api.await(lock.query("begin").execute());
      Api.await(lock.query("lock table orders in access exclusive mode").execute());
      assertThat(Api.eventually(Duration.ofSeconds(30),
          () -> members.get(0).getPartitionService().isClusterSafe())).isTrue();
      members.get(1).getLifecycleService().terminate();
      members.get(2).getLifecycleService().terminate();

      assertThat(Api.eventually(Duration.ofSeconds(20), () -> "inventory-rebuilding".equals(
          refusal(core.hold(new HoldRequest(eventId, UUID.randomUUID().toString(), "GA", 1))))))
          .as("holds refused while the event is rebuilt").isTrue();
      List<String> lost = new ArrayList<>();
      for (int k = 0; k < Sharding.shardsFor(CAPACITY); k++) {
        if (!members.get(0).getMap(GridMaps.INVENTORY).containsKey(
            GridMaps.shardKey(eventId, k))) {
          lost.add(GridMaps.shardKey(eventId, k));
        }
      }
      assumeThat(lost).as("entries of the event were lost").isNotEmpty();

      // What an edit or a cancellation sends meanwhile: the lost entries stay absent.
      JsonObject event = Api.await(new EventRepository(api.sql).byId(UUID.fromString(eventId)));
      assertThat(refusal(CoreBus.request(vertx, LoadEvent.fromJson(event))))
          .isIn("granted", "inventory-rebuilding");
      for (String key : lost) {
        assertThat(members.get(0).getMap(GridMaps.INVENTORY).containsKey(key))
            .as("%s recreated by a reload", key).isFalse();
      }
      assertThat(refusal(core.hold(new HoldRequest(eventId, UUID.randomUUID().toString(), "GA",
          1)))).isEqualTo("inventory-rebuilding");
    } finally {
      Api.await(lock.query("rollback").execute());
      lock.close();
    }

    assertThat(Api.eventually(Duration.ofSeconds(30), () -> "granted".equals(refusal(
        core.hold(new HoldRequest(eventId, UUID.randomUUID().toString(), "GA", 1))))))
        .as("sales resume after the rebuild").isTrue();
    JsonObject after = counts(vertx, eventId);
    assertThat(after.getInteger("sold")).isEqualTo(40);
    assertThat(after.getInteger("capacity")).isEqualTo(CAPACITY);
    assertThat(after.getInteger("sold") + after.getInteger("held")
        + after.getInteger("available")).isEqualTo(CAPACITY);
    for (String buyer : bought) {
      assertThat(refusal(core.hold(new HoldRequest(eventId, buyer, "GA", 1))))
          .as("buyer %s bought its limit before the loss", buyer).isEqualTo("purchase-limit");
    }
    // Everything left can be held, and nothing more: no sold slot came back free.
    int held = after.getInteger("held");
    while ("granted".equals(refusal(core.hold(new HoldRequest(eventId,
        UUID.randomUUID().toString(), "GA", 1))))) {
      held++;
    }
    JsonObject end = counts(vertx, eventId);
    assertThat(end.getInteger("available")).isZero();
    assertThat(end.getInteger("sold")).isEqualTo(40);
    assertThat(end.getInteger("held")).isEqualTo(held).isEqualTo(CAPACITY - 40);
  }
}
