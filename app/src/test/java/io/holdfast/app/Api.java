package io.holdfast.app;

import io.holdfast.support.config.Settings;
import io.holdfast.support.db.Database;
import io.holdfast.core.grid.GridMaps;
import io.holdfast.core.restore.InventoryRestoreVerticle;
import io.holdfast.edge.auth.TokenIssuer;
import io.holdfast.testkit.Await;
import io.holdfast.testkit.EventBody;
import io.holdfast.testkit.http.HttpCalls;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/** A client of the running platform for tests: HTTP calls, buyers in bulk, and SQL checks. */
final class Api implements AutoCloseable {
  final Platform platform;
  final WebClient http;
  private final HttpCalls calls;
  final Pool sql;
  private final TokenIssuer issuer;

  Api(Vertx vertx, Platform platform) {
    this.platform = platform;
    JsonObject c = platform.config();
    this.calls = new HttpCalls(vertx, Settings.HTTP_HOST.string(c),
        Settings.HTTP_PORT.integer(c));
    this.http = calls.client();
    this.sql = Database.pool(vertx, c);
    this.issuer = new TokenIssuer(vertx, Settings.required(c, Settings.JWT_PRIVATE_KEY),
        Settings.JWT_KID.string(c),
        Settings.JWT_ISSUER.string(c),
        Settings.JWT_AUDIENCE.string(c), 3600);
  }

  static <T> T await(Future<T> future) {
    return Await.get(future);
  }

  HttpRequest<Buffer> request(HttpMethod method, String path, String token) {
    return calls.request(method, path, token);
  }

  HttpResponse<Buffer> call(HttpMethod method, String path, String token, Object body) {
    return calls.call(method, path, token, body);
  }

  /** {@code POST /v1/auth/login} with an email and a password. */
  HttpResponse<Buffer> login(String email, String password) {
    return call(HttpMethod.POST, "/v1/auth/login", null,
        new JsonObject().put("email", email).put("password", password));
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

  /**
   * The token of the newest link of {@code template} ("verify-email", "password-reset") owed to
   * {@code email} by the mailbox; null when none is.
   */
  String mailedToken(String email, String template) {
    var rows = await(sql.preparedQuery("select data->>'link' as link from mail_messages "
            + "where lower(recipient) = lower($1) and template = $2 "
            + "order by created_at desc limit 1")
        .execute(Tuple.of(email, template)));
    if (rows.size() == 0) {
      return null;
    }
    String link = rows.iterator().next().getString("link");
    return link.substring(link.indexOf("token=") + "token=".length());
  }

  /** Uses the verification link mailed to {@code email} through the platform's edge. */
  HttpResponse<Buffer> verifyMailed(String email) {
    return call(HttpMethod.POST, "/v1/auth/verify-email", null,
        new JsonObject().put("token", mailedToken(email, "verify-email")));
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
    JsonObject body = EventBody.named("Test drop " + UUID.randomUUID()).maxPerBuyer(maxPerBuyer)
        .holdSeconds(holdSeconds).general("GA", 2500, capacity).json();
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
  static boolean eventually(Duration limit, BooleanSupplier check) {
    return Await.eventually(limit, check);
  }

  /** The whole grid restarts: every map of events, inventory and holds is empty. */
  void wipeGrid() {
    for (String map : List.of(GridMaps.INVENTORY, GridMaps.BOOKS_MAP, GridMaps.EVENTS)) {
      platform.hazelcast().getMap(map).clear();
    }
  }

  /** A node coming up rebuilds the grid from PostgreSQL; the restore then leaves. */
  void rebuildGrid() {
    await(platform.vertx().deployVerticle(InventoryRestoreVerticle::new,
            new DeploymentOptions().setConfig(platform.config()))
        .compose(id -> platform.vertx().undeploy(id)));
  }

  @Override
  public void close() {
    calls.close();
    await(sql.close());
  }
}
