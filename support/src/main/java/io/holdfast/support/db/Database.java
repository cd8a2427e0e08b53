package io.holdfast.support.db;

import io.holdfast.support.config.Settings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.ClientSSLOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.SslMode;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** PostgreSQL access: one pool per verticle, and the schema migrations (Flyway, on a worker). */
public final class Database {
  private static final Logger LOG = LoggerFactory.getLogger(Database.class);

  private Database() {}

  public static Pool pool(Vertx vertx, JsonObject config) {
    PgConnectOptions connect = connectOptions(Settings.PG_URL.required(config))
        .setCachePreparedStatements(true)
        .setPipeliningLimit(64);
    PoolOptions pool = new PoolOptions().setMaxSize(Settings.PG_POOL_SIZE.integer(config));
    return PgBuilder.pool().with(pool).connectingTo(connect).using(vertx).build();
  }

  /**
   * The client's options from a {@code postgresql://} URL, its TLS as libpq reads the same URL:
   * {@code sslmode=require} encrypts without checking the server's certificate unless
   * {@code sslrootcert} names the PEM file of the authorities it must be issued by (for RDS, AWS's
   * bundle); {@code verify-ca} needs that file and checks the certificate's chain against it;
   * {@code verify-full} also checks that it names the URL's host. Vert.x's parser reads
   * {@code sslmode} and skips {@code sslrootcert}, so it is applied here; the JDBC driver of the
   * migrations reads both from the URL itself ({@link Jdbc}). Tested against a PostgreSQL over
   * TLS in embedded-infra's PostgresTlsTest.
   *
   * @throws IllegalArgumentException verify-ca or verify-full without {@code sslrootcert}
   */
  public static PgConnectOptions connectOptions(String url) {
    PgConnectOptions connect = PgConnectOptions.fromUri(url);
    String rootCert = queryParameter(url, "sslrootcert");
    SslMode mode = connect.getSslMode();
    String tls = tlsProblem(mode, rootCert);
    if (tls != null) {
      throw new IllegalArgumentException(tls);
    }
    if (mode == SslMode.DISABLE || mode == SslMode.ALLOW || mode == SslMode.PREFER) {
      return connect;
    }
    ClientSSLOptions ssl = new ClientSSLOptions();
    if (rootCert == null) {
      // require without a root certificate: libpq's "encrypted, not authenticated".
      ssl.setTrustAll(true);
    } else {
      ssl.setTrustOptions(new PemTrustOptions().addCertPath(rootCert));
    }
    ssl.setHostnameVerificationAlgorithm(mode == SslMode.VERIFY_FULL ? "HTTPS" : "");
    return connect.setSslOptions(ssl);
  }

  /**
   * What is wrong with {@code HOLDFAST_PG_URL}, checked before anything starts: null when it is
   * fine or unset. Never repeats the URL, which may carry a password (Vert.x's own parser
   * error would).
   */
  public static String problem(JsonObject config) {
    if (Settings.PG_URL.blank(config)) {
      return null;
    }
    String url = Settings.PG_URL.string(config).trim();
    PgConnectOptions connect;
    try {
      URI.create(url);
      connect = PgConnectOptions.fromUri(url);
    } catch (IllegalArgumentException e) {
      return Settings.PG_URL.variable() + " is malformed: write it as "
          + "postgresql://user:password@host:5432/db, with ?sslmode=verify-full&sslrootcert="
          + "/path/ca.pem for TLS (sslmode one of disable, prefer, require, verify-ca, "
          + "verify-full)";
    }
    return tlsProblem(connect.getSslMode(), queryParameter(url, "sslrootcert"));
  }

  private static String tlsProblem(SslMode mode, String rootCert) {
    if ((mode == SslMode.VERIFY_CA || mode == SslMode.VERIFY_FULL) && rootCert == null) {
      return Settings.PG_URL.variable() + " asks for sslmode=" + mode.value + ", which checks "
          + "PostgreSQL's certificate, and names no sslrootcert: add sslrootcert=<the PEM file "
          + "of the authorities that issue it> to the URL";
    }
    if (rootCert != null && !Files.isReadable(Path.of(rootCert))) {
      return Settings.PG_URL.variable() + "'s sslrootcert " + rootCert
          + " is not a file this process can read";
    }
    return null;
  }

  /** The decoded value of the query parameter {@code name} of {@code url}; null without it. */
  private static String queryParameter(String url, String name) {
    String query = URI.create(url).getRawQuery();
    if (query == null) {
      return null;
    }
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      if (URLDecoder.decode(key, StandardCharsets.UTF_8).equals(name)) {
        return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  /** Applies the migrations under {@code db/migration}; blocking JDBC, so on a worker thread. */
  public static Future<Integer> migrate(Vertx vertx, JsonObject config) {
    String url = Settings.PG_URL.required(config);
    return vertx.executeBlocking(() -> {
      Jdbc jdbc = Jdbc.from(url);
      int applied = Flyway.configure()
          .dataSource(jdbc.url(), jdbc.user(), jdbc.password())
          .locations("classpath:db/migration")
          .load()
          .migrate()
          .migrationsExecuted;
      LOG.info("Database schema is current ({} migrations applied now)", applied);
      return applied;
    });
  }

  /**
   * The JDBC view of a {@code postgresql://user:password@host:port/db} URL. The query goes to
   * the driver as it is, but for {@code sslmode=require} beside {@code sslrootcert}, which
   * becomes {@code verify-ca}: libpq (and {@link #connectOptions}) then check the certificate's
   * chain, while the JDBC driver's require never checks it.
   */
  record Jdbc(String url, String user, String password) {
    static Jdbc from(String pgUrl) {
      URI uri = URI.create(pgUrl);
      String userInfo = uri.getUserInfo() == null ? "" : uri.getUserInfo();
      int colon = userInfo.indexOf(':');
      String user = colon < 0 ? userInfo : userInfo.substring(0, colon);
      String password = colon < 0 ? "" : userInfo.substring(colon + 1);
      int port = uri.getPort() < 0 ? 5432 : uri.getPort();
      String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
      if (queryParameter(pgUrl, "sslrootcert") != null
          && "require".equals(queryParameter(pgUrl, "sslmode"))) {
        query = query.replaceFirst("([?&])sslmode=require(&|$)", "$1sslmode=verify-ca$2");
      }
      return new Jdbc("jdbc:postgresql://" + uri.getHost() + ":" + port + uri.getPath() + query,
          user, password);
    }
  }
}
