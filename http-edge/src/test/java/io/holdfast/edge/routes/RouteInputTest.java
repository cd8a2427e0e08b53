package io.holdfast.edge.routes;

import static io.holdfast.testkit.http.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.testkit.Await;
import io.holdfast.testkit.auth.Jwts;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The edge's answers to bad input, from its own router on real PostgreSQL and Redis, without a
 * grid: every refusal here comes before the core would be asked, so these run in seconds.
 */
@DisplayName("The edge's routes, given bad input, answer problem+json with the precise status")
class RouteInputTest {
  private static EdgeBench edge;
  private static String buyer;

  @BeforeAll
  static void start() {
    edge = new EdgeBench();
    buyer = edge.token(UUID.randomUUID().toString(), "buyer");
  }

  @AfterAll
  static void stop() {
    edge.close();
  }

  private static HttpResponse<Buffer> hold(String token, String eventId, String body) {
    return Await.get(edge.http().request(HttpMethod.POST, "/v1/events/" + eventId + "/holds",
            token).putHeader("Idempotency-Key", UUID.randomUUID().toString())
        .sendBuffer(Buffer.buffer(body)));
  }

  private static HttpResponse<Buffer> call(HttpMethod method, String path, String token,
      Object body) {
    return edge.http().call(method, path, token, body);
  }

  @ParameterizedTest(name = "{0} → {1} {2}")
  @CsvSource(delimiter = '|', value = {
      "{\"section\": \"GA\", \"quantity\": | 400 | malformed-json",
      "[1, 2, 3] | 400 | malformed-json",
      "{\"section\": \"GA\", \"quantity\": \"two\"} | 422 | validation",
      "{\"section\": \"GA\", \"quantity\": 0} | 422 | validation",
      "{\"section\": \"GA\", \"quantity\": 101} | 422 | validation",
      "{\"section\": \"GA\", \"quantity\": 1, \"colour\": \"red\"} | 422 | validation",
      "{\"seats\": [\"A-1-1\", \"A-1-1\"]} | 422 | validation",
      "{\"seats\": [\"A-1-1\"], \"quantity\": 1} | 422 | validation",
      "{\"section\": \"GA\", \"quantity\": 1, \"onBehalfOf\": \"someone\"} | 422 | validation",
  })
  @DisplayName("a hold request that cannot be read or does not validate is refused before the "
      + "core is asked")
  void badHoldBodies(String body, int status, String type) {
    assertProblem(hold(buyer, UUID.randomUUID().toString(), body), status, type);
  }

  @Test
  @DisplayName("a hold on an ID that is no event is a 404, one without an Idempotency-Key a 400, "
      + "and one without a valid token a 401")
  void holdRefusals() {
    String body = "{\"section\": \"GA\", \"quantity\": 1}";
    assertProblem(hold(buyer, "not-a-uuid", body), 404, "not-found");
    assertProblem(Await.get(edge.http().request(HttpMethod.POST, "/v1/events/"
        + UUID.randomUUID() + "/holds", buyer).sendBuffer(Buffer.buffer(body))), 400,
        "idempotency-key-required");
    assertProblem(hold(null, UUID.randomUUID().toString(), body), 401, "unauthorized");
    String unsigned = Jwts.part(new JsonObject().put("alg", "none").put("kid", "holdfast-1"))
        + "." + buyer.split("\\.")[1] + ".";
    assertProblem(hold(unsigned, UUID.randomUUID().toString(), body), 401, "unauthorized");
  }

  @Test
  @DisplayName("registering names every bad field with 422, and the same email twice is a 409")
  void register() {
    HttpResponse<Buffer> bad = call(HttpMethod.POST, "/v1/auth/register", null,
        new JsonObject().put("email", "not-an-email").put("password", "short"));
    assertProblem(bad, 422, "validation");
    assertThat(bad.bodyAsJsonObject().getJsonArray("errors").stream()
        .map(e -> ((JsonObject) e).getString("field")))
        .containsExactlyInAnyOrder("email", "password", "name");
    assertProblem(call(HttpMethod.POST, "/v1/auth/register", null, "{\"email\": "), 400,
        "malformed-json");

    JsonObject account = new JsonObject()
        .put("email", "route-" + UUID.randomUUID() + "@test.holdfast.dev")
        .put("password", "correct horse battery").put("name", "Route");
    assertThat(call(HttpMethod.POST, "/v1/auth/register", null, account).statusCode())
        .isEqualTo(201);
    assertProblem(call(HttpMethod.POST, "/v1/auth/register", null, account), 409,
        "email-taken");
  }

  @Test
  @DisplayName("a login with a wrong password or an unknown email is the same 401")
  void login() {
    String email = "login-" + UUID.randomUUID() + "@test.holdfast.dev";
    assertThat(call(HttpMethod.POST, "/v1/auth/register", null, new JsonObject()
        .put("email", email).put("password", "correct horse battery").put("name", "Lo"))
        .statusCode()).isEqualTo(201);
    assertProblem(call(HttpMethod.POST, "/v1/auth/login", null, new JsonObject()
        .put("email", email).put("password", "wrong horse battery")), 401, "invalid-credentials");
    assertProblem(call(HttpMethod.POST, "/v1/auth/login", null, new JsonObject()
        .put("email", "nobody-" + email).put("password", "wrong horse battery")), 401,
        "invalid-credentials");
    assertThat(call(HttpMethod.POST, "/v1/auth/login", null, new JsonObject()
        .put("email", email).put("password", "correct horse battery")).statusCode())
        .isEqualTo(200);
  }

  @Test
  @DisplayName("an event that does not exist is a 404, bad paging a 422, an event body that does "
      + "not validate a 422, and a buyer may not create one (403)")
  void events() {
    assertProblem(call(HttpMethod.GET, "/v1/events/" + UUID.randomUUID(), null, null), 404,
        "not-found");
    assertProblem(call(HttpMethod.GET, "/v1/events/not-a-uuid", null, null), 404, "not-found");
    assertProblem(call(HttpMethod.GET, "/v1/events?limit=1000000000000", null, null), 422,
        "validation");
    String organizer = edge.token(UUID.randomUUID().toString(), "buyer", "organizer");
    HttpResponse<Buffer> bad = call(HttpMethod.POST, "/v1/events", organizer, new JsonObject()
        .put("name", "No times").put("currency", "euro"));
    assertProblem(bad, 422, "validation");
    assertThat(bad.bodyAsJsonObject().getJsonArray("errors")).isNotEmpty();
    assertProblem(call(HttpMethod.POST, "/v1/events", buyer, new JsonObject()), 403,
        "forbidden");
  }

  @Test
  @DisplayName("an unknown route, or a known path with a method it does not serve, is a 404, and "
      + "an oversized body a 413")
  void edges() {
    assertProblem(call(HttpMethod.GET, "/v1/nowhere", null, null), 404, "not-found");
    // The catch-all 404 is mounted last and answers before the router's 405 would.
    assertProblem(call(HttpMethod.PUT, "/v1/auth/login", null, new JsonObject()), 404,
        "not-found");
    assertProblem(hold(buyer, UUID.randomUUID().toString(),
        "{\"section\": \"" + "A".repeat(200_000) + "\", \"quantity\": 1}"), 413,
        "body-too-large");
  }
}
