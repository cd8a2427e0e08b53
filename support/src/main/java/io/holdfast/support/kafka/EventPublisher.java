package io.holdfast.support.kafka;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.Header;

/**
 * Publishes JSON events with Kafka's own asynchronous producer, completing on the caller's
 * context. vertx-kafka-client's producer hands every send to a worker thread first; on the hold
 * path that hop cost more than the send itself.
 */
public final class EventPublisher {
  /** How long {@link #create} waits for the metadata of the topics it loads. */
  static final long METADATA_WAIT_MILLIS = 60_000;
  /** How long a readiness check waits for a topic's metadata, on a worker. */
  private static final long READY_WAIT_MILLIS = 2_000;
  private static final long METADATA_POLL_MILLIS = 20;

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
   * on the event loop finds it there: sends never wait ({@link KafkaSettings#onEventLoop}).
   * Fails if a topic's metadata does not come within {@link #METADATA_WAIT_MILLIS}.
   */
  public static Future<EventPublisher> create(Vertx vertx, Map<String, String> settings,
      String... topics) {
    return create(vertx, settings, METADATA_WAIT_MILLIS, topics);
  }

  static Future<EventPublisher> create(Vertx vertx, Map<String, String> settings,
      long metadataWaitMillis, String... topics) {
    Context context = vertx.getOrCreateContext();
    return vertx.executeBlocking(() -> {
      Map<String, Object> props = new HashMap<>(KafkaSettings.onEventLoop(settings));
      KafkaProducer<String, String> producer = new KafkaProducer<>(props);
      try {
        for (String topic : topics) {
          partitions(producer, topic, metadataWaitMillis);
        }
      } catch (RuntimeException | InterruptedException e) {
        producer.close(Duration.ZERO);
        throw e;
      }
      return new EventPublisher(vertx, context, producer);
    });
  }

  /**
   * The partitions of {@code topic}, waiting on this (worker) thread up to {@code waitMillis}
   * for its metadata. With {@code max.block.ms} 0 a lookup does not wait; it asks the broker
   * and fails, so it is asked again until the answer has come.
   */
  private static int partitions(KafkaProducer<String, String> producer, String topic,
      long waitMillis) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
    while (true) {
      try {
        return producer.partitionsFor(topic).size();
      } catch (TimeoutException e) {
        if (System.nanoTime() - deadline >= 0) {
          throw new TimeoutException("no metadata of topic " + topic + " within " + waitMillis
              + " ms", e);
        }
        Thread.sleep(METADATA_POLL_MILLIS);
      }
    }
  }

  /**
   * Sends one record; the future completes once the broker has it ({@code acks=all}). Never
   * blocks: without the topic's metadata or buffer space the future fails at once.
   */
  public Future<Void> send(String topic, String key, String value) {
    return send(topic, key, value, null);
  }

  /**
   * Sends one record with a header (the request ID it carries, made by the topic's codec in
   * {@code contracts}); null sends none.
   */
  public Future<Void> send(String topic, String key, String value, Header header) {
    Promise<Void> promise = Promise.promise();
    try {
      producer.send(new ProducerRecord<>(topic, null, key, value,
          header == null ? null : List.of(header)), (metadata, failure) ->
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
    return vertx.executeBlocking(() -> partitions(producer, topic, READY_WAIT_MILLIS), false);
  }

  public Future<Void> close() {
    return vertx.executeBlocking(() -> {
      producer.close(Duration.ofSeconds(5));
      return null;
    }, false);
  }
}
