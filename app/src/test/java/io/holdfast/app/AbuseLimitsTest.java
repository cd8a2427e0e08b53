package io.holdfast.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.edge.HttpEdgeVerticle;
import io.holdfast.edge.abuse.Limits;
import io.holdfast.testkit.http.ProblemAssert;
import io.holdfast.support.config.Settings;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The abuse limits, against an edge of their own with tight budgets (it shares the platform's
 * PostgreSQL, Redis, Kafka and grid). Each test comes from addresses of its own through
 * {@code X-Forwarded-For}, which this edge trusts one hop deep.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("Abuse limits: budgets in Redis, brute-force throttling, the active-hold cap")
class AbuseLimitsTest {
  private static final int SIGN_IN = 10;
  private static final int REGISTER = 5;
  private static final int USER = 30;
  private static final int ANONYMOUS = 40;
  private static final int CAP = 3;
  private static final String ORIGIN = "https://shop.example";

  private Api api;
  private WebClient edge;
  private String deployment;
  private Vertx vertx;
  /** Addresses are unique per run: budgets outlive a test JVM in the shared Redis. */
  private final String run = String.valueOf(Math.abs(UUID.randomUUID().getLeastSignificantBits() % 200));

  @BeforeAll
  void startEdge(Vertx vertx) throws Exception {
    this.vertx = vertx;
    Platform platform = TestPlatform.get();
    api = new Api(vertx, platform);
    JsonObject config = platform.config().copy()
        .put(Settings.HTTP_PORT.key(), 0)
        .put(Limits.TRUSTED_PROXIES.key(), 1)
        .put(Limits.SIGN_IN_PER_MINUTE.key(), SIGN_IN)
        .put(Limits.REGISTER_PER_MINUTE.key(), REGISTER)
        .put(Limits.USER_PER_MINUTE.key(), USER)
        .put(Limits.PARTNER_PER_MINUTE.key(), USER)
        .put(Limits.ANONYMOUS_PER_MINUTE.key(), ANONYMOUS)
        .put(Limits.MAX_ACTIVE_HOLDS.key(), CAP)
        .put(HttpEdgeVerticle.CORS_ORIGINS.key(), ORIGIN);
    HttpEdgeVerticle verticle = new HttpEdgeVerticle();
    deployment = Api.await(platform.vertx().deployVerticle(verticle,
        new DeploymentOptions().setConfig(config)));
    edge = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
        .setDefaultPort(verticle.actualPort()), new io.vertx.core.http.PoolOptions()
        .setHttp1MaxSize(128));
  }

  @AfterAll
  void stopEdge() {
    Api.await(api.platform.vertx().undeploy(deployment));
    api.close();
  }

  /**
   * Budgets are counted per clock minute: a test that counts answers must not straddle two.
   */
  @org.junit.jupiter.api.BeforeEach
  void awayFromMinuteEnd() throws InterruptedException {
    long intoMinute = System.currentTimeMillis() % 60_000;
    if (intoMinute > 50_000) {
      Thread.sleep(60_000 - intoMinute + 200);
    }
  }

  private String address(int n) {
    return "10." + run + "." + n + "." + (1 + (int) (Math.random() * 250));
  }

  private HttpRequest<Buffer> request(HttpMethod method, String path, String token, String from) {
    HttpRequest<Buffer> request = edge.request(method, path).putHeader("X-Forwarded-For",
        "203.0.113.9, " + from);
    if (token != null) {
      request.bearerTokenAuthentication(token);
    }
    return request;
  }

  private HttpResponse<Buffer> post(String path, String token, String from, JsonObject body) {
    return Api.await(request(HttpMethod.POST, path, token, from).sendJsonObject(body));
  }

  private static List<HttpResponse<Buffer>> all(List<Future<HttpResponse<Buffer>>> calls) {
    return Api.await(Future.all(calls)).list();
  }

  private static long count(List<HttpResponse<Buffer>> answers, int status) {
    return answers.stream().filter(r -> r.statusCode() == status).count();
  }

  private static void assertLimited(HttpResponse<Buffer> r, String type) {
    ProblemAssert.assertProblem(r, 429, type);
    assertThat(Integer.parseInt(r.getHeader("Retry-After"))).isPositive();
    assertThat(r.bodyAsJsonObject().getInteger("retryAfterSeconds")).isPositive();
  }

  @Test
  @DisplayName("100 parallel wrong logins from one address are throttled; the right password "
      + "from another address still signs in")
  void bruteForce() {
    String email = "victim-" + UUID.randomUUID() + "@test.holdfast.dev";
    assertThat(post("/v1/auth/register", null, address(1), new JsonObject().put("email", email)
        .put("password", "correct horse battery").put("name", "Victim")).statusCode())
        .isEqualTo(201);
    String attacker = address(2);
    List<Future<HttpResponse<Buffer>>> calls = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      calls.add(request(HttpMethod.POST, "/v1/auth/login", null, attacker).sendJsonObject(
          new JsonObject().put("email", email).put("password", "guess-" + i)));
    }
    List<HttpResponse<Buffer>> answers = all(calls);
    assertThat(count(answers, 401)).as("wrong passwords checked").isLessThanOrEqualTo(SIGN_IN);
    assertThat(count(answers, 429)).as("throttled").isGreaterThanOrEqualTo(100 - SIGN_IN);
    assertThat(count(answers, 401) + count(answers, 429)).isEqualTo(100);
    answers.stream().filter(r -> r.statusCode() == 429).forEach(r -> {
      assertLimited(r, "rate-limited");
      assertThat(r.getHeader("RateLimit-Limit")).isEqualTo(String.valueOf(SIGN_IN));
      assertThat(r.getHeader("RateLimit-Remaining")).isEqualTo("0");
    });
    JsonObject right = new JsonObject().put("email", email)
        .put("password", "correct horse battery");
    assertThat(post("/v1/auth/login", null, attacker, right).statusCode())
        .as("the throttled address stays throttled").isEqualTo(429);
    assertThat(post("/v1/auth/login", null, address(3), right).statusCode())
        .as("another address signs in").isEqualTo(200);
  }

  @Test
  @DisplayName("successful logins give their budget back: a shared address is not locked out")
  void successfulLoginsDoNotCount() {
    String email = "crowd-" + UUID.randomUUID() + "@test.holdfast.dev";
    JsonObject account = new JsonObject().put("email", email).put("password", "a long password")
        .put("name", "Crowd");
    assertThat(post("/v1/auth/register", null, address(4), account).statusCode()).isEqualTo(201);
    account.remove("name");
    String venueWifi = address(5);
    for (int i = 0; i < SIGN_IN * 2; i++) {
      assertThat(post("/v1/auth/login", null, venueWifi, account).statusCode()).isEqualTo(200);
    }
  }

  @Test
  @DisplayName("every spelling of a sign-in or registration route that reaches it (trailing "
      + "slash, percent-encoded letter, doubled slash) spends that route's budget, not the "
      + "anonymous one")
  void budgetsFollowTheRouteNotTheSpelling() {
    String[][] spellings = {
        {"/v1/auth/login/", "login"}, {"/v1/auth/%6Cogin", "login"},
        {"/v1//auth/login", "login"}, {"/v1/auth/token/", "token"},
        {"/v1/auth/refresh/", "refresh"}, {"/v1/auth/%72efresh", "refresh"},
        {"/v1/auth/register/", "register"}, {"/v1/auth/%72egister", "register"},
        {"/v1//auth/register", "register"}};
    for (int i = 0; i < spellings.length; i++) {
      String path = spellings[i][0];
      boolean register = spellings[i][1].equals("register");
      int budget = register ? REGISTER : SIGN_IN;
      String from = address(20 + i);
      List<HttpResponse<Buffer>> answers = new ArrayList<>();
      for (int n = 0; n < budget + 3; n++) {
        JsonObject body = register ? new JsonObject().put("email", "spelled-" + UUID.randomUUID()
            + "@test.holdfast.dev").put("password", "spelled password").put("name", "Spelled")
            : new JsonObject().put("email", "nobody@test.holdfast.dev").put("password", "wrong")
                .put("grant_type", "client_credentials").put("client_id", "nobody")
                .put("client_secret", "wrong").put("refreshToken", "wrong");
        answers.add(post(path, null, from, body));
      }
      HttpResponse<Buffer> first = answers.get(0);
      assertThat(first.statusCode()).as(path + " reaches its route: " + first.bodyAsString())
          .isNotIn(404, 405);
      assertThat(first.getHeader("RateLimit-Limit")).as(path).isEqualTo(String.valueOf(budget));
      assertThat(count(answers, 429)).as(path + " is throttled by its own budget").isEqualTo(3);
    }
  }

  @Test
  @DisplayName("X-Forwarded-For sent as several header lines is read as one list, in order")
  void forwardedForOverSeveralLines() {
    String client = address(40);
    List<HttpResponse<Buffer>> answers = new ArrayList<>();
    for (int i = 0; i < ANONYMOUS + 1; i++) {
      // What the client wrote comes first (a fresh lie each time); the trusted proxy appends
      // the address it saw on a line of its own.
      answers.add(Api.await(edge.request(HttpMethod.GET, "/v1/events")
          .putHeader("X-Forwarded-For", List.of(address(41), client)).send()));
    }
    assertThat(count(answers, 200)).isEqualTo(ANONYMOUS);
    assertLimited(answers.get(answers.size() - 1), "rate-limited");
    assertThat(Api.await(request(HttpMethod.GET, "/v1/events", null, client).send())
        .statusCode()).as("the same client in one line").isEqualTo(429);
  }

  @Test
  @DisplayName("registrations are limited per address")
  void registrations() {
    String from = address(6);
    List<Future<HttpResponse<Buffer>>> calls = new ArrayList<>();
    for (int i = 0; i < REGISTER + 5; i++) {
      calls.add(request(HttpMethod.POST, "/v1/auth/register", null, from).sendJsonObject(
          new JsonObject().put("email", "bot-" + UUID.randomUUID() + "@test.holdfast.dev")
              .put("password", "bot password").put("name", "Bot")));
    }
    List<HttpResponse<Buffer>> answers = all(calls);
    assertThat(count(answers, 201)).isEqualTo(REGISTER);
    answers.stream().filter(r -> r.statusCode() != 201)
        .forEach(r -> assertLimited(r, "rate-limited"));
  }

  @Test
  @DisplayName("a signed-in user has a budget of its own, with RateLimit headers, whatever "
      + "its address")
  void perUser() {
    List<String> buyers = api.buyers(2);
    List<HttpResponse<Buffer>> answers = new ArrayList<>();
    for (int i = 0; i < USER + 5; i++) {
      // Spread over addresses: the budget follows the token.
      answers.add(Api.await(request(HttpMethod.GET, "/v1/orders", buyers.get(0), address(7))
          .send()));
    }
    assertThat(count(answers, 200)).isEqualTo(USER);
    HttpResponse<Buffer> first = answers.get(0);
    assertThat(first.getHeader("RateLimit-Limit")).isEqualTo(String.valueOf(USER));
    assertThat(first.getHeader("RateLimit-Remaining")).isEqualTo(String.valueOf(USER - 1));
    assertThat(Integer.parseInt(first.getHeader("RateLimit-Reset"))).isBetween(1, 60);
    assertThat(answers.get(1).getHeader("RateLimit-Remaining"))
        .isEqualTo(String.valueOf(USER - 2));
    assertLimited(answers.get(answers.size() - 1), "rate-limited");
    assertThat(Api.await(request(HttpMethod.GET, "/v1/orders", buyers.get(1), address(7)).send())
        .statusCode()).as("another user is unaffected").isEqualTo(200);
  }

  @Test
  @DisplayName("holds and checkouts with a bad token spend their address's budget")
  void badTokensOnHotRoutes() {
    String from = address(16);
    List<HttpResponse<Buffer>> answers = new ArrayList<>();
    for (int i = 0; i < ANONYMOUS + 5; i++) {
      String path = i % 2 == 0 ? "/v1/events/" + UUID.randomUUID() + "/holds"
          : "/v1/holds/" + UUID.randomUUID() + "/checkout";
      answers.add(Api.await(request(HttpMethod.POST, path, "not-a-token", from)
          .putHeader("Idempotency-Key", "bad-" + i).sendJsonObject(new JsonObject())));
    }
    assertThat(count(answers, 401)).isEqualTo(ANONYMOUS);
    assertLimited(answers.get(answers.size() - 1), "rate-limited");
  }

  @Test
  @DisplayName("a hold by a caller without the role is refused before its key is claimed or its "
      + "budget spent")
  void roleBeforeClaim() {
    String eventId = api.onSaleEvent(api.organizer(), 100, 300, 50);
    String organizerOnly = api.withRoles("organizer");
    for (int i = 0; i < USER + 5; i++) {
      HttpResponse<Buffer> refused = Api.await(request(HttpMethod.POST,
              "/v1/events/" + eventId + "/holds", organizerOnly, address(17))
          .putHeader("Idempotency-Key", "role-" + i)
          .sendJsonObject(new JsonObject().put("section", "GA").put("quantity", 1)));
      ProblemAssert.assertProblem(refused, 403, "forbidden");
      assertThat(refused.getHeader("RateLimit-Remaining")).isNull();
    }
  }

  @Test
  @DisplayName("callers without a token are limited per address")
  void anonymous() {
    String from = address(8);
    List<HttpResponse<Buffer>> answers = new ArrayList<>();
    for (int i = 0; i < ANONYMOUS + 5; i++) {
      answers.add(Api.await(request(HttpMethod.GET, "/v1/events", null, from).send()));
    }
    assertThat(count(answers, 200)).isEqualTo(ANONYMOUS);
    assertLimited(answers.get(answers.size() - 1), "rate-limited");
    assertThat(Api.await(request(HttpMethod.GET, "/v1/events", null, address(9)).send())
        .statusCode()).isEqualTo(200);
    assertThat(Api.await(request(HttpMethod.GET, "/health/live", null, from).send())
        .statusCode()).as("probes are never limited").isEqualTo(200);
  }

  @Test
  @DisplayName("a partner's holds spend its budget in the same Redis call as the idempotency "
      + "claim; refused ones hold nothing")
  void hotPathBudget() {
    String eventId = api.onSaleEvent(api.organizer(), 100, 300, 100);
    String partner = api.partner();
    List<HttpResponse<Buffer>> answers = new ArrayList<>();
    for (int i = 0; i < USER + 5; i++) {
      answers.add(Api.await(request(HttpMethod.POST, "/v1/events/" + eventId + "/holds",
              partner, address(10))
          .putHeader("Idempotency-Key", "k-" + i)
          .sendJsonObject(new JsonObject().put("section", "GA").put("quantity", 1)
              .put("onBehalfOf", "customer-" + i))));
    }
    assertThat(count(answers, 201)).isEqualTo(USER);
    assertThat(answers.get(0).getHeader("RateLimit-Remaining"))
        .isEqualTo(String.valueOf(USER - 1));
    HttpResponse<Buffer> refused = answers.get(answers.size() - 1);
    assertLimited(refused, "rate-limited");
    assertThat(api.availability(eventId).getInteger("available")).isEqualTo(100 - USER);
  }

  @Test
  @DisplayName("a partner's budget is the one its admin gave it, carried in its token")
  void partnerOwnBudget() {
    HttpResponse<Buffer> created = post("/v1/admin/partners", api.admin(), address(13),
        new JsonObject().put("name", "Reseller").put("requestsPerMinute", 12));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    JsonObject client = created.bodyAsJsonObject();
    HttpResponse<Buffer> issued = post("/v1/auth/token", null, address(13), new JsonObject()
        .put("grant_type", "client_credentials").put("client_id", client.getString("clientId"))
        .put("client_secret", client.getString("clientSecret")));
    assertThat(issued.statusCode()).as(issued.bodyAsString()).isEqualTo(200);
    String token = issued.bodyAsJsonObject().getString("access_token");
    List<HttpResponse<Buffer>> answers = new ArrayList<>();
    for (int i = 0; i < 15; i++) {
      answers.add(Api.await(request(HttpMethod.GET, "/v1/orders", token, address(14)).send()));
    }
    assertThat(count(answers, 200)).isEqualTo(12);
    assertThat(answers.get(0).getHeader("RateLimit-Limit")).isEqualTo("12");
    assertLimited(answers.get(14), "rate-limited");
  }

  @Test
  @DisplayName("a buyer has at most the cap of active holds of an event, even in parallel; "
      + "another event has its own; a release frees a place")
  void activeHoldCap() {
    String organizer = api.organizer();
    String first = api.onSaleEvent(organizer, 100, 300, 50);
    String second = api.onSaleEvent(organizer, 100, 300, 50);
    String buyer = api.buyers(1).get(0);
    List<Future<HttpResponse<Buffer>>> calls = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      calls.add(request(HttpMethod.POST, "/v1/events/" + first + "/holds", buyer, address(11))
          .putHeader("Idempotency-Key", "cap-" + i)
          .sendJsonObject(new JsonObject().put("section", "GA").put("quantity", 1)));
    }
    List<HttpResponse<Buffer>> answers = all(calls);
    assertThat(count(answers, 201)).isEqualTo(CAP);
    answers.stream().filter(r -> r.statusCode() != 201).forEach(r -> {
      assertLimited(r, "too-many-holds");
      assertThat(r.bodyAsJsonObject().getInteger("maxActiveHolds")).isEqualTo(CAP);
    });
    assertThat(100 - api.availability(first).getInteger("available")).isEqualTo(CAP);
    // A refusal for the cap is not kept under its key: the same request may be tried again.
    HttpResponse<Buffer> refused = answers.stream().filter(r -> r.statusCode() == 429)
        .findFirst().orElseThrow();
    String refusedKey = "cap-" + answers.indexOf(refused);
    assertThat(hold(first, buyer, refusedKey).statusCode()).isEqualTo(429);
    assertThat(hold(second, buyer, "cap-other-event").statusCode())
        .as("the cap counts one event's holds").isEqualTo(201);
    String released = answers.stream().filter(r -> r.statusCode() == 201).findFirst()
        .orElseThrow().bodyAsJsonObject().getString("holdId");
    assertThat(Api.await(request(HttpMethod.DELETE, "/v1/holds/" + released, buyer, address(11))
        .send()).statusCode()).isEqualTo(204);
    HttpResponse<Buffer> retried = hold(first, buyer, refusedKey);
    assertThat(retried.statusCode()).as("a released hold's place is free again, and the "
        + "refused request's key takes it: " + retried.bodyAsString()).isEqualTo(201);
    assertThat(retried.getHeader("Idempotent-Replayed")).isNull();
    assertThat(100 - api.availability(first).getInteger("available")).isEqualTo(CAP);
  }

  private HttpResponse<Buffer> hold(String eventId, String buyer, String key) {
    return Api.await(request(HttpMethod.POST, "/v1/events/" + eventId + "/holds", buyer,
            address(11))
        .putHeader("Idempotency-Key", key)
        .sendJsonObject(new JsonObject().put("section", "GA").put("quantity", 1)));
  }

  @Test
  @DisplayName("a lapsed hold stops counting against the cap")
  void lapsedHoldsFreeTheirPlace() {
    String eventId = api.onSaleEvent(api.organizer(), 100, 2, 50);
    String buyer = api.buyers(1).get(0);
    AtomicInteger key = new AtomicInteger();
    java.util.function.Supplier<Integer> hold = () -> Api.await(request(HttpMethod.POST,
            "/v1/events/" + eventId + "/holds", buyer, address(12))
        .putHeader("Idempotency-Key", "lapse-" + key.incrementAndGet())
        .sendJsonObject(new JsonObject().put("section", "GA").put("quantity", 1))).statusCode();
    for (int i = 0; i < CAP; i++) {
      assertThat(hold.get()).isEqualTo(201);
    }
    assertThat(hold.get()).isEqualTo(429);
    assertThat(Api.eventually(Duration.ofSeconds(10), () -> hold.get() == 201))
        .as("after the holds lapse, the buyer may hold again").isTrue();
  }

  @Test
  @DisplayName("browsers of the configured origin may call the API; others are not told they may")
  void cors() {
    HttpResponse<Buffer> preflight = Api.await(request(HttpMethod.OPTIONS,
            "/v1/events/" + UUID.randomUUID() + "/holds", null, address(15))
        .putHeader("Origin", ORIGIN).putHeader("Access-Control-Request-Method", "POST")
        .putHeader("Access-Control-Request-Headers", "authorization,idempotency-key,content-type")
        .send());
    assertThat(preflight.statusCode()).isBetween(200, 204);
    assertThat(preflight.getHeader("Access-Control-Allow-Origin")).isEqualTo(ORIGIN);
    assertThat(preflight.getHeader("Access-Control-Allow-Methods")).contains("POST");
    HttpResponse<Buffer> simple = Api.await(request(HttpMethod.GET, "/v1/events", null, address(15))
        .putHeader("Origin", ORIGIN).send());
    assertThat(simple.getHeader("Access-Control-Allow-Origin")).isEqualTo(ORIGIN);
    assertThat(simple.getHeader("Access-Control-Expose-Headers")).contains("RateLimit-Remaining");
    HttpResponse<Buffer> foreign = Api.await(request(HttpMethod.GET, "/v1/events", null, address(15))
        .putHeader("Origin", "https://evil.example").send());
    assertThat(foreign.getHeader("Access-Control-Allow-Origin")).isNull();
    ProblemAssert.assertProblem(foreign, 403, "forbidden");
  }

  @Test
  @DisplayName("every answer carries the security headers")
  void securityHeaders() {
    HttpResponse<Buffer> r = Api.await(request(HttpMethod.GET, "/v1/nothing-here", null, address(16)).send());
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(r.getHeader("X-Frame-Options")).isEqualTo("DENY");
    assertThat(r.getHeader("Referrer-Policy")).isEqualTo("no-referrer");
    assertThat(r.getHeader("Content-Security-Policy")).contains("default-src 'none'");
    assertThat(r.getHeader("Strict-Transport-Security")).startsWith("max-age=");
    assertThat(r.getHeader("Cache-Control")).isEqualTo("no-store");
  }
}
