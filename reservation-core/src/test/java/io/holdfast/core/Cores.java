package io.holdfast.core;

import com.hazelcast.core.HazelcastInstance;
import io.holdfast.core.grid.GridConfig;
import io.holdfast.infra.TestInfrastructure;
import io.holdfast.testkit.Await;
import io.holdfast.testkit.grid.Grid;
import io.holdfast.testkit.grid.GridPerTest;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;

/** The core's tests' grids: members configured as the core configures them, and the core on one. */
final class Cores {
  private Cores() {}

  /** One member alone in a cluster named after the test. */
  static Grid member(String name, int port) {
    return Grid.single(name, port, GridConfig::member);
  }

  /** {@link #member}, started afresh for each test. */
  static GridPerTest memberPerTest(String name, int port) {
    return new GridPerTest(() -> member(name, port));
  }

  /** {@code count} members that found each other, from {@code basePort} on, for each test. */
  static GridPerTest membersPerTest(String name, int count, int basePort) {
    return new GridPerTest(() -> Grid.of(name, count, basePort, GridConfig::member));
  }

  /** The core on {@code member}, {@code instances} verticles as on an edge's event loops. */
  static void deploy(Vertx vertx, HazelcastInstance member, int instances) throws Exception {
    Await.await(vertx.deployVerticle(() -> new ReservationVerticle(member),
        new DeploymentOptions().setConfig(TestInfrastructure.config()).setInstances(instances)));
  }
}
