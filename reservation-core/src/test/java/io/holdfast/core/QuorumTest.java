package io.holdfast.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.testkit.Bus;
import com.hazelcast.core.HazelcastInstance;
import io.holdfast.contracts.core.LoadEvent;
import io.holdfast.contracts.hold.CoreClient;
import io.holdfast.contracts.hold.HoldRequest;
import io.holdfast.contracts.problem.ProblemException;
import io.holdfast.core.grid.GridConfig;
import io.holdfast.testkit.grid.Grid;
import static io.holdfast.testkit.Await.await;
import io.holdfast.core.grid.GridShape;
import io.holdfast.infra.TestInfrastructure;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("Split-brain protection of the inventory")
class QuorumTest {
  private Grid grid;

  @AfterEach
  void stopGrid() {
    if (grid != null) {
      grid.close();
    }
  }

  @Test
  @DisplayName("a member left alone below the quorum refuses holds (503) instead of selling")
  void minorityRefuses(Vertx vertx) throws Exception {
    // Two backups: every member has all of it, so nothing is lost when two die and only the
    // quorum stands between the survivor and selling on alone. A data member's start waits for
    // the quorum: the three start together.
    GridShape shape = new GridShape(false, 2, 2, 0);
    grid = Grid.together("quorum", 3, 5960,
        (cluster, host, port, seeds) -> GridConfig.node(cluster, host, port, seeds, shape));
    HazelcastInstance survivor = grid.member(0);
    await(vertx.deployVerticle(() -> new ReservationVerticle(survivor),
        new DeploymentOptions().setConfig(TestInfrastructure.config())));
    String eventId = UUID.randomUUID().toString();
    await(Bus.send(vertx, LoadEvent.fromJson(new JsonObject().put("id", eventId)
        .put("currency", "EUR").put("maxPerBuyer", 4).put("holdSeconds", 600)
        .put("salesStartAt", Instant.now().minusSeconds(60).toString())
        .put("salesEndAt", Instant.now().plusSeconds(3600).toString())
        .put("sections", new JsonArray().add(new JsonObject().put("id", "GA")
            .put("kind", "general").put("priceCents", 1000).put("capacity", 100)
            .put("shards", 4))))));
    CoreClient core = new CoreClient(vertx, 30_000);
    assertThat(await(core.hold(new HoldRequest(eventId, "buyer-0", "GA", 1))).holdId())
        .isNotNull();

    // The two others vanish at once (a crash, or the network cut them off).
    grid.member(1).getLifecycleService().terminate();
    grid.member(2).getLifecycleService().terminate();
    long deadline = System.currentTimeMillis() + 90_000;
    while (survivor.getCluster().getMembers().size() > 1) {
      assertThat(System.currentTimeMillis()).as("the survivor sees it is alone").isLessThan(deadline);
      Thread.sleep(200);
    }
    for (int i = 1; i <= 5; i++) {
      Future<?> hold = core.hold(new HoldRequest(eventId, "buyer-" + i, "GA", 1));
      try {
        await(hold);
      } catch (Exception expected) {
        // judged below
      }
      assertThat(hold.failed()).as("a hold on a minority side").isTrue();
      assertThat(hold.cause()).isInstanceOf(ProblemException.class);
      assertThat(((ProblemException) hold.cause()).problem().status()).isEqualTo(503);
      assertThat(((ProblemException) hold.cause()).problem().slug())
          .isEqualTo("core-unavailable");
    }
  }
}
