package io.holdfast.testkit.kafka;

import io.holdfast.support.kafka.KafkaSettings;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;

/** A test's reader of one topic from its own consumer group: every record, to a handler. */
public final class TopicReader {
  private TopicReader() {}

  /** Subscribes {@code handler} to {@code topic}; done once the subscription is. */
  public static Future<KafkaConsumer<String, String>> read(Vertx vertx, JsonObject config,
      String group, String topic, Handler<KafkaConsumerRecord<String, String>> handler) {
    KafkaConsumer<String, String> consumer =
        KafkaConsumer.create(vertx, KafkaSettings.consumer(config, group));
    consumer.handler(handler);
    return consumer.subscribe(topic).map(consumer);
  }
}
