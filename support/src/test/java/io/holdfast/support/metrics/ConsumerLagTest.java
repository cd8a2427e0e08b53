package io.holdfast.support.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A consumer's lag")
class ConsumerLagTest {

  @Test
  @DisplayName("sums the client's records-lag of the topic's partitions, leaving out other topics, other figures and partitions not fetched yet")
  void lag() {
    Map<MetricName, Metric> metrics = new LinkedHashMap<>();
    put(metrics, "records-lag", "payments", "0", 5.0);
    put(metrics, "records-lag", "payments", "1", 7.0);
    put(metrics, "records-lag", "payments", "2", Double.NaN);
    put(metrics, "records-lag", "holds", "0", 100.0);
    put(metrics, "records-lag-max", "payments", "0", 50.0);
    assertThat(ConsumerLag.lag(metrics, "payments")).isEqualTo(12.0);
    assertThat(ConsumerLag.lag(metrics, "orders")).isZero();
  }

  private static void put(Map<MetricName, Metric> metrics, String name, String topic,
      String partition, double value) {
    MetricName id = new MetricName(name, "consumer-fetch-manager-metrics", "",
        Map.of("client-id", "c", "topic", topic, "partition", partition));
    metrics.put(id, new Metric() {
      @Override
      public MetricName metricName() {
        return id;
      }

      @Override
      public Object metricValue() {
        return value;
      }
    });
  }
}
