package io.holdfast.app;

import static io.holdfast.testkit.http.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@ExtendWith(VertxExtension.class)
@DisplayName("Bad input gets a precise problem and changes nothing")
class BadInputTest {
  private Api api;
  private String eventId;
  private String buyer;

  @BeforeEach
  void setUp(Vertx vertx) {
    api = new Api(vertx, TestPlatform.get());
    eventId = api.onSaleEvent(api.organizer(), 10, 300, 4);
    buyer = api.buyers(1).get(0);
  }

  @AfterEach
  void tearDown() {
    // Nothing was taken by any bad request.
    JsonObject counts = api.availability(eventId);
    assertThat(counts.getInteger("available")).isEqualTo(10);
    api.close();
  }

  private HttpResponse<Buffer> hold(String token, String body) {
    return Api.await(api.request(HttpMethod.POST, "/v1/events/" + eventId + "/holds", token)
        .putHeader("Idempotency-Key", UUID.randomUUID().toString())
        .sendBuffer(Buffer.buffer(body)));
  }

  @ParameterizedTest(name = "{0} → {1} {2}")
  @CsvSource(delimiter = '|', value = {
      "{\"section\": \"GA\", \"quantity\": | 400 | malformed-json",
      "[1, 2, 3] | 400 | malformed-json",
      "{\"section\": \"GA\", \"quantity\": \"two\"} | 422 | validation",
      "{\"section\": 7, \"quantity\": 1} | 422 | validation",
      "{\"section\": \"GA\", \"quantity\": -1} | 422 | validation",
      "{\"section\": \"GA\", \"quantity\": 0} | 422 | validation",
      "{\"section\": \"GA\", \"quantity\": 1.5} | 422 | validation",
      "{\"section\": \"GA\", \"quantity\": 100000000000} | 422 | validation",
      "{\"section\": \"GA\"} | 422 | validation",
      "{\"section\": \"GA\", \"quantity\": 1, \"colour\": \"red\"} | 422 | validation",
      "{\"section\": \"NOPE\", \"quantity\": 1} | 422 | unknown-section",
      "{\"section\": \"GA\", \"quantity\": 5} | 429 | purchase-limit",
  })
  @DisplayName("a bad hold request is refused precisely")
  void badHolds(String body, int status, String type) {
    assertProblem(hold(buyer, body), status, type);
  }

  @Test
  @DisplayName("validation problems name every bad field")
  void validationNamesFields() {
    HttpResponse<Buffer> r = hold(buyer, "{\"section\": 3, \"quantity\": \"x\"}");
    assertProblem(r, 422, "validation");
    assertThat(r.bodyAsJsonObject().getJsonArray("errors")).hasSize(2);
    assertThat(r.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field"))
        .isEqualTo("section");
  }

  @Test
  @DisplayName("a missing, malformed, forged or foreign-algorithm token is a 401")
  void badTokens() {
    String body = "{\"section\": \"GA\", \"quantity\": 1}";
    assertProblem(hold(null, body), 401, "unauthorized");
    assertProblem(hold("not-a-jwt", body), 401, "unauthorized");
    String[] parts = buyer.split("\\.");
    String tampered = parts[0] + "." + parts[1].substring(0, parts[1].length() - 2) + "xx."
        + parts[2];
    assertProblem(hold(tampered, body), 401, "unauthorized");
    String none = java.util.Base64.getUrlEncoder().withoutPadding()
        .encodeToString("{\"alg\":\"none\",\"kid\":\"holdfast-1\"}".getBytes()) + "." + parts[1] + ".";
    assertProblem(hold(none, body), 401, "unauthorized");
  }

  @Test
  @DisplayName("unknown events, holds, orders and routes are 404s")
  void unknownThings() {
    String body = "{\"section\": \"GA\", \"quantity\": 1}";
    assertProblem(Api.await(api.request(HttpMethod.POST, "/v1/events/" + UUID.randomUUID()
            + "/holds", buyer).putHeader("Idempotency-Key", "k1").sendBuffer(Buffer.buffer(body))),
        404, "not-found");
    assertProblem(api.call(HttpMethod.GET, "/v1/holds/" + UUID.randomUUID(), buyer, null), 404,
        "not-found");
    assertProblem(api.call(HttpMethod.GET, "/v1/holds/not-a-uuid", buyer, null), 404,
        "not-found");
    assertProblem(api.call(HttpMethod.DELETE, "/v1/holds/" + UUID.randomUUID(), buyer, null), 404,
        "not-found");
    assertProblem(api.call(HttpMethod.GET, "/v1/orders/" + UUID.randomUUID(), buyer, null), 404,
        "not-found");
    assertProblem(api.call(HttpMethod.GET, "/v1/events/" + UUID.randomUUID(), null, null), 404,
        "not-found");
    assertProblem(api.call(HttpMethod.GET, "/v1/nowhere", null, null), 404, "not-found");
  }

  @Test
  @DisplayName("another buyer's hold is a 404, not a leak")
  void foreignHold() {
    HttpResponse<Buffer> mine = hold(buyer, "{\"section\": \"GA\", \"quantity\": 1}");
    assertThat(mine.statusCode()).isEqualTo(201);
    String holdId = mine.bodyAsJsonObject().getString("holdId");
    String other = api.buyers(1).get(0);
    assertProblem(api.call(HttpMethod.GET, "/v1/holds/" + holdId, other, null), 404, "not-found");
    assertProblem(api.call(HttpMethod.DELETE, "/v1/holds/" + holdId, other, null), 404,
        "not-found");
    assertThat(api.call(HttpMethod.DELETE, "/v1/holds/" + holdId, buyer, null).statusCode())
        .isEqualTo(204);
  }

  @Test
  @DisplayName("a hold without an Idempotency-Key is a 400, and an oversized body a 413")
  void keyAndSize() {
    HttpResponse<Buffer> noKey = Api.await(api.request(HttpMethod.POST, "/v1/events/" + eventId
        + "/holds", buyer).sendBuffer(Buffer.buffer("{\"section\": \"GA\", \"quantity\": 1}")));
    assertProblem(noKey, 400, "idempotency-key-required");
    String huge = "{\"section\": \"" + "A".repeat(200_000) + "\", \"quantity\": 1}";
    assertProblem(hold(buyer, huge), 413, "body-too-large");
    // The edge keeps serving.
    assertThat(api.call(HttpMethod.GET, "/health/live", null, null).statusCode()).isEqualTo(200);
  }

  @Test
  @DisplayName("deep JSON, huge limits, long strings and giant bodies are refused at once, and "
      + "the edge keeps serving")
  void abusiveInput() {
    String deep = "{\"a\": " + "[".repeat(30_000) + "]".repeat(30_000) + "}";
    assertProblem(hold(buyer, deep), 422, "body-too-deep");
    assertProblem(api.call(HttpMethod.POST, "/v1/auth/register", null, deep), 422,
        "body-too-deep");
    // Brackets inside strings are text, not nesting.
    assertProblem(hold(buyer, "{\"section\": \"" + "[".repeat(50) + "\", \"quantity\": 1}"),
        422, "unknown-section");
    assertProblem(api.call(HttpMethod.GET, "/v1/events?limit=1000000000000", null, null), 422,
        "validation");
    assertProblem(api.call(HttpMethod.GET, "/v1/orders?limit=-5", buyer, null), 422,
        "validation");
    assertProblem(api.call(HttpMethod.POST, "/v1/auth/register", null, new JsonObject()
        .put("email", "long-" + UUID.randomUUID() + "@test.holdfast.dev")
        .put("password", "p".repeat(20_000)).put("name", "n".repeat(20_000))), 422, "validation");
    assertProblem(api.call(HttpMethod.POST, "/v1/events", api.organizer(),
        "{\"name\": \"" + "x".repeat(3 * 1024 * 1024) + "\"}"), 413, "body-too-large");
    assertProblem(hold(buyer, "{\"section\": \"GA\", \"quantity\": 1, \"onBehalfOf\": \""
        + "z".repeat(60_000) + "\"}"), 422, "validation");
    assertThat(api.call(HttpMethod.GET, "/health/live", null, null).statusCode()).isEqualTo(200);
    assertThat(api.call(HttpMethod.GET, "/v1/events/" + eventId, null, null).statusCode())
        .isEqualTo(200);
  }
}
