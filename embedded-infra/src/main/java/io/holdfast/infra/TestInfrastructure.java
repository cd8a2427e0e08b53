package io.holdfast.infra;

import io.vertx.core.json.JsonObject;

/**
 * One set of embedded servers per test JVM: starting PostgreSQL and Kafka costs seconds, so every
 * test class shares them and resets its own data instead. They stop when the JVM exits.
 */
public final class TestInfrastructure {
  private static final int KAFKA_PARTITIONS = 4;

  private static Infrastructure infrastructure;

  private TestInfrastructure() {}

  /** The configuration pointing at the shared servers (a copy: callers may add their own keys). */
  public static synchronized JsonObject config() {
    if (infrastructure == null) {
      infrastructure = Infrastructure.start(new JsonObject(), KAFKA_PARTITIONS);
      Runtime.getRuntime().addShutdownHook(new Thread(infrastructure::close, "holdfast-test-infrastructure-stop"));
    }
    return infrastructure.config();
  }

  /** The shared SMTP server (the configuration's {@code smtp.url}) and the mail it caught. */
  public static synchronized MailServer mail() {
    config();
    return infrastructure.mailServer();
  }
}
