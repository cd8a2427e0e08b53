package io.holdfast.edge.redis;

import io.holdfast.contracts.batch.TurnBatcher;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Redis connection per verticle, pipelined: the commands an event loop issues in one turn
 * go out in one write, and Redis answers them in one read. Compared with a pool that sends
 * every command on its own, Redis spends a fraction of the CPU per command, and so does the
 * edge. A lost connection is opened again by the next commands; while Redis cannot be reached,
 * commands fail at once and a new connection is tried once a second.
 */
public final class RedisPipeline {
  private static final Logger LOG = LoggerFactory.getLogger(RedisPipeline.class);
  /** The most commands one write carries; Redis answers them in order. */
  static final int MAX_BATCH = 512;
  /** After a failed connect, commands fail at once for this long instead of trying again. */
  static final long RECONNECT_PAUSE_MILLIS = 1000;

  /** Commands of one turn and the promises of their answers. */
  private record Batch(List<Request> commands, List<Promise<Response>> promises) {}

  private final Redis client;
  private final TurnBatcher<Request, Response> batcher;
  private RedisConnection connection;
  /** Batches waiting for a connection to open; non-null while one is opening. */
  private List<Batch> connecting;
  private Throwable lastFailure;
  private long retryAt;

  public RedisPipeline(Vertx vertx, Redis client) {
    this.client = client;
    this.batcher = new TurnBatcher<>(vertx.getOrCreateContext(), MAX_BATCH, this::send);
  }

  /** Sends a command with the others of this turn; completes with its answer. */
  public Future<Response> send(Request command) {
    return batcher.add(command);
  }

  private void send(List<Request> commands, List<Promise<Response>> promises) {
    Batch batch = new Batch(commands, promises);
    if (connection != null) {
      write(connection, batch);
    } else if (System.currentTimeMillis() < retryAt) {
      promises.forEach(p -> p.tryFail(lastFailure));
    } else if (connecting != null) {
      connecting.add(batch);
    } else {
      connecting = new ArrayList<>(List.of(batch));
      connect();
    }
  }

  private void write(RedisConnection to, Batch batch) {
    to.batch(batch.commands()).onComplete(ar -> {
      if (ar.succeeded()) {
        List<Response> answers = ar.result();
        for (int i = 0; i < batch.promises().size(); i++) {
          batch.promises().get(i).tryComplete(answers.get(i));
        }
      } else {
        batch.promises().forEach(p -> p.tryFail(ar.cause()));
      }
    });
  }

  private void connect() {
    client.connect().onComplete(ar -> {
      List<Batch> ready = connecting;
      connecting = null;
      if (ar.failed()) {
        LOG.warn("Could not connect to Redis ({}); trying again in {} ms",
            ar.cause().toString(), RECONNECT_PAUSE_MILLIS);
        lastFailure = ar.cause();
        retryAt = System.currentTimeMillis() + RECONNECT_PAUSE_MILLIS;
        ready.forEach(b -> b.promises().forEach(p -> p.tryFail(ar.cause())));
        return;
      }
      RedisConnection opened = ar.result();
      connection = opened;
      opened.exceptionHandler(t -> lost(opened, t));
      opened.endHandler(v -> lost(opened, null));
      ready.forEach(b -> write(opened, b));
    });
  }

  private void lost(RedisConnection which, Throwable cause) {
    if (connection == which) {
      connection = null;
      LOG.warn("Redis connection lost{}; the next commands open a new one",
          cause == null ? "" : ": " + cause);
      which.close();
    }
  }
}
