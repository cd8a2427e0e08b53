package io.holdfast.support.kafka;

import io.holdfast.support.config.Settings;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Producer and consumer settings: durable producers, consumers that commit after the effect. */
public final class KafkaSettings {
  private KafkaSettings() {}

  /** The protocols the clients speak; SASL (MSK's IAM listener) would need a library more. */
  private static final Set<String> PROTOCOLS = Set.of("PLAINTEXT", "SSL");

  public static Map<String, String> producer(JsonObject config, String clientId) {
    Map<String, String> p = brokers(config);
    p.put("client.id", clientId);
    p.put("key.serializer", "org.apache.kafka.common.serialization.StringSerializer");
    p.put("value.serializer", "org.apache.kafka.common.serialization.StringSerializer");
    // Explicit on purpose: a hold or payment event must never be lost or duplicated by a retry.
    p.put("acks", "all");
    p.put("enable.idempotence", "true");
    p.put("linger.ms", "2");
    // No compression: records are small, and lz4 allocated 64 KB per batch on the hold path.
    p.put("compression.type", "none");
    // A send blocks only while metadata or buffer space is missing: for a producer that sends
    // from a worker thread. EventPublisher, which sends from event loops, never blocks.
    p.put("max.block.ms", "2000");
    return p;
  }

  /**
   * {@code producer} for sends made on an event loop: a send never waits, for metadata or for
   * buffer space; it fails at once instead, and the caller retries or lets it go. The metadata of
   * the topics is loaded beforehand ({@link EventPublisher#create}) and kept however long a topic
   * goes unused (Kafka drops an idle topic's after 5 minutes, and the next send would fail).
   */
  public static Map<String, String> onEventLoop(Map<String, String> producer) {
    Map<String, String> p = new HashMap<>(producer);
    p.put("max.block.ms", "0");
    p.put("metadata.max.idle.ms", String.valueOf(365L * 24 * 3600 * 1000));
    return p;
  }

  public static Map<String, String> consumer(JsonObject config, String group) {
    Map<String, String> c = brokers(config);
    c.put("group.id", Settings.string(config, Settings.CONSUMER_GROUP_PREFIX, "holdfast-") + group);
    c.put("key.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
    c.put("value.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
    c.put("enable.auto.commit", "false");
    c.put("auto.offset.reset", "earliest");
    c.put("max.poll.records", "500");
    return c;
  }

  /**
   * What is wrong with the brokers' settings, checked before anything starts: null when they
   * are fine (or the bootstrap is unset: embedded).
   */
  public static String problem(JsonObject config) {
    String given = Settings.KAFKA_SECURITY_PROTOCOL.string(config);
    if (!PROTOCOLS.contains(given.trim().toUpperCase(Locale.ROOT))) {
      return protocolProblem(given);
    }
    if (Settings.KAFKA_BOOTSTRAP.blank(config)) {
      return null;
    }
    for (String broker : Settings.KAFKA_BOOTSTRAP.string(config).split(",")) {
      String b = broker.trim();
      int colon = b.lastIndexOf(':');
      String port = colon < 0 ? "" : b.substring(colon + 1);
      if (colon < 1 || !port.matches("\\d{1,5}") || Integer.parseInt(port) < 1
          || Integer.parseInt(port) > 65535) {
        return Settings.KAFKA_BOOTSTRAP.variable() + " is malformed: '" + b + "' is not "
            + "host:port; write it as host:9092[,host2:9092,...]";
      }
    }
    return null;
  }

  /** Where the brokers are and how to reach them: what every client of ours shares. */
  public static Map<String, String> brokers(JsonObject config) {
    String given = Settings.KAFKA_SECURITY_PROTOCOL.string(config);
    String protocol = given.trim().toUpperCase(Locale.ROOT);
    if (!PROTOCOLS.contains(protocol)) {
      throw new IllegalArgumentException(protocolProblem(given));
    }
    Map<String, String> b = new HashMap<>();
    b.put("bootstrap.servers", Settings.KAFKA_BOOTSTRAP.required(config));
    b.put("security.protocol", protocol);
    return b;
  }

  private static String protocolProblem(String given) {
    return Settings.KAFKA_SECURITY_PROTOCOL.variable() + " is PLAINTEXT or SSL, not '" + given
        + "'";
  }
}
