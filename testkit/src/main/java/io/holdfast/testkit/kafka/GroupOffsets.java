package io.holdfast.testkit.kafka;

import io.holdfast.support.config.Settings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.kafka.admin.KafkaAdminClient;
import io.vertx.kafka.client.common.TopicPartition;
import io.vertx.kafka.client.consumer.OffsetAndMetadata;
import java.util.Map;

/** What a worker's consumer group has committed: how tests see that a worker is done with a record. */
public final class GroupOffsets {
  private final KafkaAdminClient admin;
  private final String prefix;

  /** For the groups of {@code config} (their names start with its consumer-group prefix). */
  public GroupOffsets(Vertx vertx, JsonObject config) {
    this.admin = KafkaAdminClient.create(vertx,
        Map.of("bootstrap.servers", config.getString(Settings.KAFKA_BOOTSTRAP.key())));
    this.prefix = Settings.string(config, Settings.CONSUMER_GROUP_PREFIX, "");
  }

  /** The next offset {@code group} has committed on a partition; -1 when none. */
  public Future<Long> committed(String group, TopicPartition partition) {
    return admin.listConsumerGroupOffsets(prefix + group).map(offsets -> {
      OffsetAndMetadata om = offsets.get(partition);
      return om == null ? -1L : om.getOffset();
    });
  }
}
