package io.holdfast.testkit;

import io.holdfast.support.config.Settings;
import io.holdfast.infra.TestInfrastructure;
import io.vertx.core.json.JsonObject;
import java.util.UUID;

/** Configurations on the shared embedded servers, for the tests of one module or class. */
public final class TestConfig {
  private TestConfig() {}

  /**
   * The shared servers' configuration with Kafka consumer groups of the caller's own, so no other
   * test class shares (or steals) its offsets.
   */
  public static JsonObject ownGroups(String name) {
    return TestInfrastructure.config()
        .put(Settings.CONSUMER_GROUP_PREFIX, name + "-" + UUID.randomUUID() + "-");
  }
}
