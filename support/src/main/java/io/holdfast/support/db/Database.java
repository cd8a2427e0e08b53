package io.holdfast.support.db;

import io.holdfast.support.config.Settings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.net.URI;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** PostgreSQL access: one pool per verticle, and the schema migrations (Flyway, on a worker). */
public final class Database {
  private static final Logger LOG = LoggerFactory.getLogger(Database.class);

  private Database() {}

  public static Pool pool(Vertx vertx, JsonObject config) {
    PgConnectOptions connect = PgConnectOptions.fromUri(Settings.PG_URL.required(config))
        .setCachePreparedStatements(true)
        .setPipeliningLimit(64);
    PoolOptions pool = new PoolOptions().setMaxSize(Settings.PG_POOL_SIZE.integer(config));
    return PgBuilder.pool().with(pool).connectingTo(connect).using(vertx).build();
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

  /** The JDBC view of a {@code postgresql://user:password@host:port/db} URL. */
  record Jdbc(String url, String user, String password) {
    static Jdbc from(String pgUrl) {
      URI uri = URI.create(pgUrl);
      String userInfo = uri.getUserInfo() == null ? "" : uri.getUserInfo();
      int colon = userInfo.indexOf(':');
      String user = colon < 0 ? userInfo : userInfo.substring(0, colon);
      String password = colon < 0 ? "" : userInfo.substring(colon + 1);
      int port = uri.getPort() < 0 ? 5432 : uri.getPort();
      String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
      return new Jdbc("jdbc:postgresql://" + uri.getHost() + ":" + port + uri.getPath() + query,
          user, password);
    }
  }
}
