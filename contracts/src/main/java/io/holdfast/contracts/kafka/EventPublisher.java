package io.holdfast.contracts.kafka;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Publishes JSON events with Kafka's own asynchronous producer, completing on the caller's
 * context. vertx-kafka-client's producer hands every send to a worker thread first; on the hold
 * path that hop cost more than the send itself.
 */
public final class EventPublisher {
  private final Vertx vertx;
  private final Context context;
  private final KafkaProducer<String, String> producer;

  private EventPublisher(Vertx vertx, Context context, KafkaProducer<String, String> producer) {
    this.vertx = vertx;
    this.context = context;
    this.producer = producer;
  }

  /**
   * Creates the producer on a worker and loads the metadata of {@code topics}, so that a send
   * on the event loop does not wait for metadata.
   */
  public static Future<EventPublisher> create(Vertx vertx, Map<String, String> settings,
      String... topics) {
    Context context = vertx.getOrCreateContext();
    return vertx.executeBlocking(() -> {
      Map<String, Object> props = new HashMap<>(settings);
      KafkaProducer<String, String> producer = new KafkaProducer<>(props);
      for (String topic : topics) {
        producer.partitionsFor(topic);
      }
      return new EventPublisher(vertx, context, producer);
    });
  }

  /** Sends one record; the future completes once the broker has it ({@code acks=all}). */
  public Future<Void> send(String topic, String key, String value) {
    Promise<Void> promise = Promise.promise();
    try {
      producer.send(new ProducerRecord<>(topic, key, value), (metadata, failure) ->
          context.runOnContext(ignored -> {
            if (failure == null) {
              promise.complete();
            } else {
              promise.fail(failure);
            }
          }));
    } catch (RuntimeException e) {
      promise.fail(e);
    }
    return promise.future();
  }

  /** Succeeds when the broker answers for {@code topic}: for readiness checks. */
  public Future<Integer> ready(String topic) {
    return vertx.executeBlocking(() -> producer.partitionsFor(topic).size(), false);
  }

  public Future<Void> close() {
    return vertx.executeBlocking(() -> {
      producer.close(Duration.ofSeconds(5));
      return null;
    }, false);
  }
}
