package io.holdfast.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Redis server in a child process, from codemonstur's embedded-redis, bound to 127.0.0.1.
 *
 * <p>The Linux x86-64 binary bundled in embedded-redis 1.4.4 is named {@code redis-server-6.2.6-v5}
 * but reports itself as Redis 6.2.11 ({@code redis-server --version}). It starts in about 0.1 s.
 * Persistence is off: the data is throw-away and an RDB or AOF write would only cost time.
 */
public final class RedisServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RedisServer.class);

  private final redis.embedded.RedisServer process;
  private final int port;

  private RedisServer(redis.embedded.RedisServer process, int port) {
    this.process = process;
    this.port = port;
  }

  /** Starts a server on a free loopback port; returns once it logs that it accepts connections. */
  public static RedisServer start() {
    int port = LoopbackPorts.free();
    try {
      redis.embedded.RedisServer server = redis.embedded.RedisServer.newRedisServer()
          .bind(LoopbackPorts.HOST)
          .port(port)
          .setting("save \"\"")
          .setting("appendonly no")
          .build();
      server.start();
      LOG.debug("Redis started on port {}", port);
      return new RedisServer(server, port);
    } catch (IOException e) {
      throw new UncheckedIOException("Redis did not start on port " + port, e);
    }
  }

  /** {@code redis://127.0.0.1:PORT}, for vertx-redis-client. */
  public String url() {
    return "redis://" + LoopbackPorts.HOST + ":" + port;
  }

  public int port() {
    return port;
  }

  @Override
  public void close() {
    try {
      process.stop();
      LOG.debug("Redis on port {} stopped", port);
    } catch (IOException e) {
      LOG.warn("Redis on port {} did not stop cleanly", port, e);
    }
  }
}
