package io.holdfast.testkit;

import io.holdfast.support.config.Settings;
import io.holdfast.infra.PostgresServer;
import io.holdfast.infra.RedisServer;
import io.vertx.core.json.JsonObject;

/**
 * PostgreSQL and Redis of one test class's own, stopped after it: for tests of parts that never
 * reach Kafka (the slowest server to start), such as an edge's routes. Tests that need Kafka
 * share the JVM-wide servers of {@code TestInfrastructure} instead.
 */
public final class ClassServers implements AutoCloseable {
  private final PostgresServer postgres;
  private final RedisServer redis;

  private ClassServers(PostgresServer postgres, RedisServer redis) {
    this.postgres = postgres;
    this.redis = redis;
  }

  public static ClassServers start() {
    PostgresServer postgres = PostgresServer.start();
    try {
      return new ClassServers(postgres, RedisServer.start());
    } catch (RuntimeException e) {
      postgres.close();
      throw e;
    }
  }

  /** The configuration pointing at these servers (a copy: callers add their own keys). */
  public JsonObject config() {
    return new JsonObject().put(Settings.PG_URL.key(), postgres.url())
        .put(Settings.REDIS_URL.key(), redis.url());
  }

  @Override
  public void close() {
    redis.close();
    postgres.close();
  }
}
