package io.holdfast.app;

import static io.holdfast.testkit.http.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.edge.auth.RsaKeys;
import io.holdfast.testkit.auth.Jwts;
import io.holdfast.support.config.Settings;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@ExtendWith(VertxExtension.class)
@DisplayName("Forged, expired and foreign tokens are refused and change nothing")
class ForgedTokenTest {
  private Api api;
  private PrivateKey key;
  private String kid;
  private String organizerId;
  private String eventId;

  @BeforeEach
  void setUp(Vertx vertx) {
    api = new Api(vertx, TestPlatform.get());
    JsonObject c = api.platform.config();
    key = RsaKeys.privateKey(Settings.required(c, Settings.JWT_PRIVATE_KEY));
    kid = Settings.JWT_KID.string(c);
    String organizer = api.organizer();
    organizerId = Jwts.claims(organizer).getString("sub");
    eventId = api.onSaleEvent(organizer, 10, 300, 4);
  }

  @AfterEach
  void tearDown() {
    api.close();
  }

  private JsonObject claims() {
    return new JsonObject().put("sub", organizerId).put("iss", "holdfast")
        .put("aud", new JsonArray().add("holdfast-api"))
        .put("exp", Instant.now().plus(Duration.ofMinutes(10)).getEpochSecond())
        .put("roles", new JsonArray().add("buyer").add("organizer"));
  }

  private String forged(String how) throws Exception {
    switch (how) {
      case "alg none":
        return Jwts.part(new JsonObject().put("alg", "none").put("kid", kid)) + "."
            + Jwts.part(claims()) + ".";
      case "HS256 keyed with the public key":
        return Jwts.hs256(Settings.required(api.platform.config(), Settings.JWT_PUBLIC_KEY)
                .getBytes(StandardCharsets.US_ASCII),
            new JsonObject().put("alg", "HS256").put("kid", kid), claims());
      case "expired":
        return Jwts.rs256(key, kid, claims().put("exp", Instant.now().getEpochSecond() - 5));
      case "wrong audience":
        return Jwts.rs256(key, kid, claims().put("aud", "someone-else"));
      case "wrong issuer":
        return Jwts.rs256(key, kid, claims().put("iss", "evil"));
      case "unknown kid":
        return Jwts.rs256(RsaKeys.generate().getPrivate(), "holdfast-9", claims());
      case "another key under our kid":
        return Jwts.rs256(RsaKeys.generate().getPrivate(), kid, claims());
      case "tampered payload": {
        // A real buyer token with its roles raised to organizer and admin, signature kept.
        String[] parts = api.buyers(1).get(0).split("\\.");
        JsonObject raised = Jwts.claims(parts[0] + "." + parts[1]).put("roles",
            new JsonArray().add("buyer").add("organizer").add("admin"));
        return parts[0] + "." + Jwts.part(raised) + "." + parts[2];
      }
      default:
        throw new IllegalArgumentException(how);
    }
  }

  private HttpResponse<Buffer> createEvent(String token, String name) {
    return api.call(HttpMethod.POST, "/v1/events", token, Organizing.body(name, 5));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"alg none", "HS256 keyed with the public key", "expired",
      "wrong audience", "wrong issuer", "unknown kid", "another key under our kid",
      "tampered payload"})
  @DisplayName("a forged token gets 401 on every route, and nothing is created")
  void refused(String how) throws Exception {
    String token = forged(how);
    String name = "Forged " + UUID.randomUUID();
    assertProblem(createEvent(token, name), 401, "unauthorized");
    assertProblem(Api.await(api.hold(token, eventId, new JsonObject().put("section", "GA")
        .put("quantity", 1), UUID.randomUUID().toString())), 401, "unauthorized");
    assertProblem(api.call(HttpMethod.POST, "/v1/admin/partners", token,
        new JsonObject().put("name", name)), 401, "unauthorized");
    assertProblem(api.call(HttpMethod.GET, "/v1/me", token, null), 401, "unauthorized");

    assertThat(api.count("select count(*) from events where name = $1", name)).isZero();
    assertThat(api.count("select count(*) from users where name = $1", name)).isZero();
    assertThat(api.availability(eventId).getInteger("available")).isEqualTo(10);
  }

  @Test
  @DisplayName("the same claims, properly signed, are accepted: the refusals are the forgery's")
  void control() {
    String name = "Genuine " + UUID.randomUUID();
    HttpResponse<Buffer> created = createEvent(Jwts.rs256(key, kid, claims()), name);
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    assertThat(api.count("select count(*) from events where name = $1", name)).isOne();
  }

  @Test
  @DisplayName("after a key rotation, tokens of the previous key still work and the JWKS lists both keys")
  void previousKey() {
    String token = Jwts.rs256(TestPlatform.PREVIOUS_KEY.getPrivate(), TestPlatform.PREVIOUS_KID,
        claims());
    HttpResponse<Buffer> me = api.call(HttpMethod.GET, "/v1/me", token, null);
    assertThat(me.statusCode()).as(me.bodyAsString()).isEqualTo(200);
    assertThat(me.bodyAsJsonObject().getString("id")).isEqualTo(organizerId);

    JsonArray keys = api.call(HttpMethod.GET, "/.well-known/jwks.json", null, null)
        .bodyAsJsonObject().getJsonArray("keys");
    assertThat(keys.stream().map(k -> ((JsonObject) k).getString("kid")))
        .containsExactly(kid, TestPlatform.PREVIOUS_KID);
    assertThat(keys.stream().map(k -> ((JsonObject) k).getString("alg")))
        .containsOnly("RS256");
  }
}
