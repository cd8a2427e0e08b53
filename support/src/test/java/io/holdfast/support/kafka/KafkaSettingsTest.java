package io.holdfast.support.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.holdfast.support.config.Settings;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Kafka clients: every producer and consumer reaches the brokers the same way")
class KafkaSettingsTest {
  private static JsonObject config(String protocol) {
    JsonObject config = new JsonObject().put(Settings.KAFKA_BOOTSTRAP.key(), "broker:9094");
    return protocol == null ? config : config.put(Settings.KAFKA_SECURITY_PROTOCOL.key(), protocol);
  }

  @Test
  @DisplayName("plain text unless told, TLS when told (in any case), for producers and consumers alike")
  void protocol() {
    assertThat(KafkaSettings.producer(config(null), "p")).containsEntry("security.protocol",
        "PLAINTEXT").containsEntry("bootstrap.servers", "broker:9094");
    assertThat(KafkaSettings.consumer(config(" ssl "), "g")).containsEntry("security.protocol",
        "SSL");
    assertThat(KafkaSettings.producer(config("SSL"), "p")).containsEntry("security.protocol",
        "SSL");
  }

  @Test
  @DisplayName("a protocol the clients cannot speak is refused at start, naming the setting")
  void unknownProtocol() {
    assertThatThrownBy(() -> KafkaSettings.consumer(config("SASL_SSL"), "g"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("HOLDFAST_KAFKA_SECURITY_PROTOCOL is PLAINTEXT or SSL, not 'SASL_SSL'");
  }
}
