package io.holdfast.testkit.grid;

import com.hazelcast.core.HazelcastInstance;
import io.holdfast.testkit.TestConfig;
import io.vertx.core.Deployable;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What a worker's test class runs against, registered as a static {@code @RegisterExtension}
 * field: one grid member of a cluster of its own for the core, the shared servers with Kafka
 * consumer groups of the class's own, and the verticles the class deploys in order (the core
 * first). Up before the class's {@code @BeforeAll} methods run, down after the class.
 */
public final class CoreBench implements BeforeAllCallback, AfterAllCallback {
  private final String name;
  private final int port;
  private final MemberConfig memberConfig;
  private final JsonObject settings;
  private Grid grid;
  private JsonObject config;

  /** A bench named {@code name}, its member on {@code port}, with {@code settings} over the shared ones. */
  public CoreBench(String name, int port, MemberConfig memberConfig, JsonObject settings) {
    this.name = name;
    this.port = port;
    this.memberConfig = memberConfig;
    this.settings = settings.copy();
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    config = TestConfig.ownGroups(name).mergeIn(settings);
    grid = Grid.single(name, port, memberConfig);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (grid != null) {
      grid.close();
    }
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
}
