package io.holdfast.support.metrics;

import io.vertx.core.Vertx;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/**
 * {@code holdfast_kafka_consumer_lag{group,topic}}: records of a topic that a consumer of this
 * process has yet to read, summed over the partitions it is assigned, as of its last fetch.
 * Read from the Kafka client's own {@code records-lag} figures, which it keeps per partition
 * and which any thread may read: the scrape costs the consumer nothing.
 */
public final class ConsumerLag {
  public static final String NAME = "holdfast_kafka_consumer_lag";
  private static final String GROUP = "consumer-fetch-manager-metrics";
  private static final String LAG = "records-lag";

  private ConsumerLag() {}

  /**
   * Counts the lag of {@code consumer}, made with {@code settings} (its {@code group.id} is the
   * label), on each of {@code topics} until the answer is closed, with the consumer.
   */
  public static Meters.Source watch(Vertx vertx, KafkaConsumer<?, ?> consumer,
      Map<String, String> settings, String... topics) {
    Meters meters = Meters.of(vertx);
    Consumer<?, ?> kafka = consumer.unwrap();
    String group = settings.get("group.id");
    List<Meters.Source> sources = new ArrayList<>(topics.length);
    for (String topic : topics) {
      sources.add(meters.sum(NAME, "Records of the topic that this process's consumers of the "
          + "group have yet to read, as of their last fetch", () -> lag(kafka.metrics(), topic),
          "group", group, "topic", topic));
    }
    return () -> sources.forEach(Meters.Source::close);
  }

  static double lag(Map<MetricName, ? extends Metric> metrics, String topic) {
    double lag = 0;
    for (Map.Entry<MetricName, ? extends Metric> m : metrics.entrySet()) {
      MetricName name = m.getKey();
      if (LAG.equals(name.name()) && GROUP.equals(name.group())
          && topic.equals(name.tags().get("topic"))
          && m.getValue().metricValue() instanceof Double value && !value.isNaN()) {
        lag += value;
      }
    }
    return lag;
  }
}
