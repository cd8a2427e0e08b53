package io.holdfast.infra;

import io.holdfast.support.config.Settings;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL, Kafka, Redis and SMTP for one process: whatever the configuration does not point at is
 * started embedded, so the same launcher runs against real servers in production and alone on a
 * laptop or in a test.
 */
public final class Infrastructure implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Infrastructure.class);

  private final JsonObject config;
  /** What this instance started, in start order; closed in reverse. */
  private final List<AutoCloseable> started;

  /** The embedded SMTP server, or null when mail goes to a configured one (or none). */
  private final MailServer mailServer;

  private Infrastructure(JsonObject config, List<AutoCloseable> started, MailServer mailServer) {
    this.config = config;
    this.started = started;
    this.mailServer = mailServer;
  }

  /**
   * Starts an embedded server for each of {@code pg.url}, {@code kafka.bootstrap} and
   * {@code redis.url} that {@code config} lacks, all at once on their own threads (PostgreSQL and
   * Kafka take a second or two each). The given config is not modified.
   */
  public static Infrastructure start(JsonObject config, int kafkaPartitions) {
    return start(config, kafkaPartitions, true);
  }

  /**
   * As {@link #start(JsonObject, int)}, and an SMTP server catching mail when {@code smtp.url}
   * is missing and {@code mail} asks for one (a process that sends none starts none). Its
   * inbox's address goes to {@link Settings#MAIL_INBOX_URL}.
   */
  public static Infrastructure start(JsonObject config, int kafkaPartitions, boolean mail) {
    JsonObject completed = config.copy();
    // Own threads, not the common pool: on a 2-core box it has a single thread and would start
    // the servers one after another.
    ExecutorService threads = Executors.newFixedThreadPool(4, runnable -> {
      Thread thread = new Thread(runnable, "holdfast-infra-start");
      thread.setDaemon(true);
      return thread;
    });
    try {
      CompletableFuture<PostgresServer> pg = startIfMissing(completed, Settings.PG_URL.key(), PostgresServer::start, threads);
      CompletableFuture<KafkaServer> kafka =
          startIfMissing(completed, Settings.KAFKA_BOOTSTRAP.key(), () -> KafkaServer.start(kafkaPartitions), threads);
      CompletableFuture<RedisServer> redis = startIfMissing(completed, Settings.REDIS_URL.key(), RedisServer::start, threads);
      CompletableFuture<MailServer> smtp = mail
          ? startIfMissing(completed, Settings.SMTP_URL.key(), MailServer::start, threads)
          : CompletableFuture.completedFuture(null);

      List<AutoCloseable> started = new ArrayList<>();
      RuntimeException failure = null;
      for (CompletableFuture<? extends AutoCloseable> future : List.of(pg, kafka, redis, smtp)) {
        try {
          AutoCloseable server = future.join();
          if (server != null) {
            started.add(server);
          }
        } catch (CompletionException e) {
          failure = failure == null ? unwrap(e) : failure;
        }
      }
      if (failure != null) {
        new Infrastructure(completed, started, null).close();
        throw failure;
      }
      record(completed, Settings.PG_URL.key(), "PostgreSQL", pg, PostgresServer::url);
      record(completed, Settings.KAFKA_BOOTSTRAP.key(), "Kafka", kafka, KafkaServer::bootstrap);
      record(completed, Settings.REDIS_URL.key(), "Redis", redis, RedisServer::url);
      if (mail) {
        record(completed, Settings.SMTP_URL.key(), "SMTP", smtp, MailServer::url);
      }
      MailServer caught = smtp.join();
      if (caught != null) {
        completed.put(Settings.MAIL_INBOX_URL, caught.inboxUrl());
        LOG.info("Mail caught by the embedded SMTP server: curl {}", caught.inboxUrl());
      }
      return new Infrastructure(completed, List.copyOf(started), caught);
    } finally {
      threads.shutdown();
    }
  }

  /** A copy of the configuration given to {@link #start}, completed with the embedded addresses. */
  public JsonObject config() {
    return config.copy();
  }

  /** The embedded SMTP server and what it caught; null when none was started. */
  public MailServer mailServer() {
    return mailServer;
  }

  /** Stops only the servers this instance started, last started first; a failure does not stop the rest. */
  @Override
  public void close() {
    for (int i = started.size() - 1; i >= 0; i--) {
      AutoCloseable server = started.get(i);
      try {
        server.close();
      } catch (Exception e) {
        LOG.warn("Could not stop {}", server.getClass().getSimpleName(), e);
      }
    }
  }

  private static <T> CompletableFuture<T> startIfMissing(
      JsonObject config, String key, Supplier<T> starter, ExecutorService threads) {
    String given = Settings.string(config, key, null);
    return given != null && !given.isBlank()
        ? CompletableFuture.completedFuture(null)
        : CompletableFuture.supplyAsync(starter, threads);
  }

  private static <T> void record(
      JsonObject config, String key, String name, CompletableFuture<T> future, Function<T, String> address) {
    T server = future.join();
    if (server == null) {
      LOG.info("{} (external) at {}", name, withoutPassword(config.getValue(key).toString()));
    } else {
      config.put(key, address.apply(server));
      LOG.info("{} (embedded) at {}", name, config.getString(key));
    }
  }

  /** External addresses may carry real credentials; keep them out of the log. */
  static String withoutPassword(String url) {
    return url.replaceFirst("://([^:/@]*):[^@/]*@", "://$1:***@");
  }

  private static RuntimeException unwrap(CompletionException e) {
    return e.getCause() instanceof RuntimeException cause ? cause : e;
  }
}
