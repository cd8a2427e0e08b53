package io.holdfast.testkit.grid;

import com.hazelcast.core.HazelcastInstance;
import io.holdfast.testkit.TestConfig;
import io.vertx.core.Deployable;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * What a worker's test class runs against: one grid member of a cluster of its own for the
 * core, the shared servers with Kafka consumer groups of the class's own, and the verticles it
 * deploys in order (the core first). Started once per class, closed after it.
 */
public final class CoreBench implements AutoCloseable {
  private final Grid grid;
  private final JsonObject config;

  private CoreBench(Grid grid, JsonObject config) {
    this.grid = grid;
    this.config = config;
  }

  /** A bench named {@code name}, its member on {@code port}, with {@code settings} over the shared ones. */
  public static CoreBench start(String name, int port, MemberConfig memberConfig,
      JsonObject settings) {
    JsonObject config = TestConfig.ownGroups(name).mergeIn(settings);
    return new CoreBench(Grid.single(name, port, memberConfig), config);
  }

  /** The member the core runs on. */
  public HazelcastInstance member() {
    return grid.member();
  }

  /** The configuration every verticle of the bench is given (a copy). */
  public JsonObject config() {
    return config.copy();
  }

  public DeploymentOptions options() {
    return new DeploymentOptions().setConfig(config());
  }

  /** Deploys {@code verticles} one after another; the last one's deployment ID. */
  public Future<String> deploy(Vertx vertx, Deployable... verticles) {
    Future<String> chain = Future.succeededFuture();
    for (Deployable verticle : verticles) {
      chain = chain.compose(previous -> vertx.deployVerticle(verticle, options()));
    }
    return chain;
  }

  @Override
  public void close() {
    grid.close();
  }
}
