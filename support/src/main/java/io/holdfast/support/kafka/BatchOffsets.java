package io.holdfast.support.kafka;

import io.vertx.core.Future;
import io.vertx.kafka.client.common.TopicPartition;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vertx.kafka.client.consumer.OffsetAndMetadata;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;

/**
 * The end of a consumer's turn, once a polled batch was handled record by record: each
 * partition is committed past its records, but only up to its first failed one, and rewound
 * there, so the next poll redelivers that record and those after it. Handling must therefore
 * be idempotent; so must it for a failed commit, which is logged and not fatal (a later commit
 * covers the offsets, or the partition's next owner redoes them).
 */
public final class BatchOffsets {
  private BatchOffsets() {}

  /**
   * Commits and rewinds after {@code batch}, whose records' outcomes are {@code results} in the
   * same order; {@code what} names the records in the log. Answers whether any failed.
   */
  public static Future<Boolean> commit(KafkaConsumer<String, String> consumer,
      List<KafkaConsumerRecord<String, String>> batch, List<Future<Void>> results, Logger log,
      String what) {
    Map<TopicPartition, Long> next = new HashMap<>();
    Map<TopicPartition, Long> retry = new HashMap<>();
    for (int i = 0; i < batch.size(); i++) {
      KafkaConsumerRecord<String, String> record = batch.get(i);
      TopicPartition tp = new TopicPartition(record.topic(), record.partition());
      if (results.get(i).failed()) {
        log.warn("{} record {}-{}@{} (key {}) failed; it will be retried", what, record.topic(),
            record.partition(), record.offset(), record.key(), results.get(i).cause());
        retry.merge(tp, record.offset(), Math::min);
      }
      next.merge(tp, record.offset() + 1, Math::max);
    }
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    next.forEach((tp, offset) ->
        offsets.put(tp, new OffsetAndMetadata(retry.getOrDefault(tp, offset), "")));
    return consumer.commit(offsets)
        .<Void>mapEmpty()
        .recover(t -> {
          log.warn("Committing {} offsets {} failed", what, offsets, t);
          return Future.succeededFuture();
        })
        .compose(v -> {
          List<Future<Void>> seeks = new ArrayList<>();
          retry.forEach((tp, offset) -> seeks.add(consumer.seek(tp, offset)));
          return Future.all(seeks);
        })
        .map(v -> !retry.isEmpty());
  }
}
