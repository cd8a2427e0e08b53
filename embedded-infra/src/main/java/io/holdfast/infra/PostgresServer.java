package io.holdfast.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server (zonky's bundled binaries, PostgreSQL 18) in a child process, listening
 * on 127.0.0.1 only, with a throw-away data directory.
 *
 * <p>Running as root works: initdb and postgres refuse uid 0, so zonky 2.2.x runs them through
 * {@code unshare -U} (a user namespace in which the process is not root) when it detects root.
 *
 * <p>initdb is run with {@code -A trust}, so any password is accepted over TCP; the URL still
 * carries {@code postgres:postgres} so clients that insist on a password are satisfied.
 */
public final class PostgresServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PostgresServer.class);
  private static final String USER = "postgres";
  private static final String PASSWORD = "postgres";
  private static final String DATABASE = "postgres";

  private final EmbeddedPostgres postgres;
  private final Path dataDirectory;

  private PostgresServer(EmbeddedPostgres postgres, Path dataDirectory) {
    this.postgres = postgres;
    this.dataDirectory = dataDirectory;
  }

  /** Starts a server on a free loopback port; blocks until it answers {@code SELECT 1}. */
  public static PostgresServer start() {
    return start(false);
  }

  /**
   * Starts a server; {@code durable} keeps PostgreSQL's own defaults (every commit flushed to
   * disk), as any production database runs. Without it commits are not flushed: durability is
   * worthless for a throw-away cluster, and this makes DDL and commits cheap.
   */
  public static PostgresServer start(boolean durable) {
    long begin = System.nanoTime();
    try {
      Path dataDirectory = Files.createTempDirectory("holdfast-pg-");
      String flush = durable ? "on" : "off";
      EmbeddedPostgres postgres = EmbeddedPostgres.builder()
          .setDataDirectory(dataDirectory)
          // zonky deletes the data directory when it stops the server.
          .setCleanDataDirectory(true)
          .setPort(LoopbackPorts.free())
          .setServerConfig("listen_addresses", LoopbackPorts.HOST)
          .setServerConfig("max_connections", "200")
          .setServerConfig("fsync", flush)
          .setServerConfig("synchronous_commit", flush)
          .setServerConfig("full_page_writes", flush)
          .start();
      PostgresServer server = new PostgresServer(postgres, dataDirectory);
      LOG.debug("PostgreSQL started on port {} in {} ms (data in {})",
          server.port(), (System.nanoTime() - begin) / 1_000_000, dataDirectory);
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException("PostgreSQL did not start", e);
    }
  }

  /** {@code postgresql://postgres:postgres@127.0.0.1:PORT/postgres}, for vertx-pg-client. */
  public String url() {
    return "postgresql://" + USER + ":" + PASSWORD + "@" + LoopbackPorts.HOST + ":" + port() + "/" + DATABASE;
  }

  public int port() {
    return postgres.getPort();
  }

  /** Stops the server (fast shutdown) and deletes its data directory. */
  @Override
  public void close() {
    try {
      postgres.close();
      LOG.debug("PostgreSQL on port {} stopped", port());
    } catch (IOException e) {
      LOG.warn("PostgreSQL on port {} did not stop cleanly (data in {})", port(), dataDirectory, e);
    }
  }
}
