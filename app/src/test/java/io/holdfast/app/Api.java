package io.holdfast.app;

import io.holdfast.edge.auth.TokenIssuer;
import io.holdfast.support.config.Settings;
import io.holdfast.support.db.Database;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** A client of the running platform for tests: HTTP calls, buyers in bulk, and SQL checks. */
final class Api implements AutoCloseable {
  final Platform platform;
  final WebClient http;
  final Pool sql;
  private final TokenIssuer issuer;

  Api(Vertx vertx, Platform platform) {
    this.platform = platform;
    JsonObject c = platform.config();
    this.http = WebClient.create(vertx, new WebClientOptions()
        .setDefaultHost(Settings.string(c, Settings.HTTP_HOST, "127.0.0.1"))
        .setDefaultPort(Settings.integer(c, Settings.HTTP_PORT, 8080)),
        new io.vertx.core.http.PoolOptions().setHttp1MaxSize(128));
    this.sql = Database.pool(vertx, c);
    this.issuer = new TokenIssuer(vertx, Settings.required(c, Settings.JWT_PRIVATE_KEY),
        Settings.string(c, Settings.JWT_KID, "holdfast-1"),
        Settings.string(c, Settings.JWT_ISSUER, "holdfast"),
        Settings.string(c, Settings.JWT_AUDIENCE, "holdfast-api"), 3600);
  }

  static <T> T await(Future<T> future) {
    try {
      return future.await(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  HttpRequest<Buffer> request(HttpMethod method, String path, String token) {
    HttpRequest<Buffer> request = http.request(method, path);
    if (token != null) {
      request.bearerTokenAuthentication(token);
    }
    return request;
  }

  HttpResponse<Buffer> call(HttpMethod method, String path, String token, Object body) {
    HttpRequest<Buffer> request = request(method, path, token);
    if (body == null) {
      return await(request.send());
    }
    return await(request.sendBuffer(body instanceof JsonObject json ? json.toBuffer()
        : Buffer.buffer(body.toString())));
  }

  Future<HttpResponse<Buffer>> hold(String token, String eventId, JsonObject body, String key) {
    return request(HttpMethod.POST, "/v1/events/" + eventId + "/holds", token)
        .putHeader("Idempotency-Key", key).sendBuffer(body.toBuffer());
  }

  /** {@code count} buyers created straight in PostgreSQL, each with a signed token. */
  List<String> buyers(int count) {
    List<Tuple> rows = new ArrayList<>();
    List<String> tokens = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      UUID id = UUID.randomUUID();
      rows.add(Tuple.of(id, "buyer-" + id + "@test.holdfast.dev", "Buyer " + i, "none",
          new String[] {"buyer"}));
      tokens.add(issuer.issue(id.toString(), List.of("buyer")));
    }
    await(sql.preparedQuery("insert into users (id, email, name, password_hash, roles) "
        + "values ($1, $2, $3, $4, $5)").executeBatch(rows));
    return tokens;
  }

  String organizer() {
    return user("org", "Organizer", "organizer");
  }

  /** A partner (a user with the partner role), created straight in PostgreSQL; its token. */
  String partner() {
    return user("partner", "Partner", "partner");
  }

  /** A user with the admin role, created straight in PostgreSQL; answers its token. */
  String admin() {
    return user("admin", "Admin", "admin");
  }

  /** A token of a user with exactly {@code roles}, created straight in PostgreSQL. */
  String withRoles(String... roles) {
    UUID id = UUID.randomUUID();
    await(sql.preparedQuery("insert into users (id, email, name, password_hash, roles) "
            + "values ($1, $2, 'Roles', 'none', $3)")
        .execute(Tuple.of(id, "roles-" + id + "@test.holdfast.dev", roles)));
    return issuer.issue(id.toString(), List.of(roles));
  }

  private String user(String prefix, String name, String role) {
    UUID id = UUID.randomUUID();
    await(sql.preparedQuery("insert into users (id, email, name, password_hash, roles) "
            + "values ($1, $2, $3, 'none', $4)")
        .execute(Tuple.of(id, prefix + "-" + id + "@test.holdfast.dev", name,
            new String[] {"buyer", role})));
    return issuer.issue(id.toString(), List.of("buyer", role));
  }

  /** Creates and publishes a general-admission event on sale now; answers its ID. */
  String onSaleEvent(String organizerToken, int capacity, int holdSeconds, int maxPerBuyer) {
    Instant now = Instant.now();
    JsonObject body = new JsonObject().put("name", "Test drop " + UUID.randomUUID())
        .put("startsAt", now.plus(Duration.ofDays(10)).toString())
        .put("endsAt", now.plus(Duration.ofDays(10)).plus(Duration.ofHours(3)).toString())
        .put("salesStartAt", now.minusSeconds(60).toString())
        .put("currency", "EUR").put("maxPerBuyer", maxPerBuyer).put("holdSeconds", holdSeconds)
        .put("sections", new JsonArray().add(new JsonObject().put("id", "GA").put("kind", "general")
            .put("priceCents", 2500).put("capacity", capacity)));
    HttpResponse<Buffer> created = call(HttpMethod.POST, "/v1/events", organizerToken, body);
    if (created.statusCode() != 201) {
      throw new IllegalStateException("event not created: " + created.bodyAsString());
    }
    String id = created.bodyAsJsonObject().getString("id");
    HttpResponse<Buffer> published = call(HttpMethod.POST, "/v1/events/" + id + "/publish",
        organizerToken, null);
    if (published.statusCode() != 200) {
      throw new IllegalStateException("event not published: " + published.bodyAsString());
    }
    return id;
  }

  JsonObject availability(String eventId) {
    return call(HttpMethod.GET, "/v1/events/" + eventId + "/availability", null, null)
        .bodyAsJsonObject();
  }

  long count(String sql, Object... params) {
    return await(this.sql.preparedQuery(sql).execute(Tuple.wrap(params)))
        .iterator().next().getLong(0);
  }

  /** Polls until {@code check} holds or the time is up; answers whether it held. */
  static boolean eventually(Duration limit, Supplier<Boolean> check) {
    long end = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < end) {
      if (check.get()) {
        return true;
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return check.get();
  }

  @Override
  public void close() {
    http.close();
    await(sql.close());
  }
}
