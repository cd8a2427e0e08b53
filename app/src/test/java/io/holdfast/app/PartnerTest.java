package io.holdfast.app;

import static io.holdfast.testkit.http.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.support.crypto.Secrets;
import io.holdfast.testkit.auth.Jwts;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("Partners get tokens by client credentials and sell to their own customers, nothing more")
class PartnerTest {
  private Api api;
  private String admin;
  private JsonObject partner;

  @BeforeEach
  void setUp(Vertx vertx) {
    api = new Api(vertx, TestPlatform.get());
    admin = api.admin();
    HttpResponse<Buffer> created = api.call(HttpMethod.POST, "/v1/admin/partners", admin,
        new JsonObject().put("name", "Ticket Shop " + UUID.randomUUID())
            .put("requestsPerMinute", 120));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    partner = created.bodyAsJsonObject();
  }

  @AfterEach
  void tearDown() {
    api.close();
  }

  private HttpRequest<Buffer> tokenRequest() {
    return api.request(HttpMethod.POST, "/v1/auth/token", null);
  }

  private MultiMap form(String... pairs) {
    MultiMap form = MultiMap.caseInsensitiveMultiMap();
    for (int i = 0; i < pairs.length; i += 2) {
      form.add(pairs[i], pairs[i + 1]);
    }
    return form;
  }

  private HttpResponse<Buffer> formToken(String clientId, String secret) {
    return Api.await(tokenRequest().sendForm(form("grant_type", "client_credentials",
        "client_id", clientId, "client_secret", secret)));
  }

  private String token() {
    HttpResponse<Buffer> r = formToken(partner.getString("clientId"),
        partner.getString("clientSecret"));
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    return r.bodyAsJsonObject().getString("access_token");
  }

  @Test
  @DisplayName("an admin creates a partner: a user with the role partner, its secret shown once and stored hashed")
  void created() {
    assertThat(partner.getString("clientSecret")).hasSizeGreaterThanOrEqualTo(43);
    assertThat(partner.getInteger("requestsPerMinute")).isEqualTo(120);
    UUID id = UUID.fromString(partner.getString("partnerId"));
    assertThat(api.count("select count(*) from users where id = $1 and roles = '{partner}'", id))
        .isOne();
    assertThat(api.count("select count(*) from partner_credentials where client_id = $1 "
            + "and secret_hash = $2", partner.getString("clientId"),
        Buffer.buffer(Secrets.hash(partner.getString("clientSecret"))))).isOne();
    HttpResponse<Buffer> defaults = api.call(HttpMethod.POST, "/v1/admin/partners", admin,
        new JsonObject().put("name", "Defaults"));
    assertThat(defaults.bodyAsJsonObject().getInteger("requestsPerMinute")).isEqualTo(600);
    assertProblem(api.call(HttpMethod.POST, "/v1/admin/partners", admin,
        new JsonObject().put("name", "").put("requestsPerMinute", 0)), 422, "validation");
  }

  @Test
  @DisplayName("client credentials by form, HTTP Basic or JSON give a partner token with its rate")
  void clientCredentials() {
    String id = partner.getString("clientId");
    String secret = partner.getString("clientSecret");
    HttpResponse<Buffer> byForm = formToken(id, secret);
    HttpResponse<Buffer> byBasic = Api.await(tokenRequest().basicAuthentication(id, secret)
        .sendForm(form("grant_type", "client_credentials")));
    HttpResponse<Buffer> byJson = Api.await(tokenRequest().sendJsonObject(new JsonObject()
        .put("grant_type", "client_credentials").put("client_id", id)
        .put("client_secret", secret)));
    for (HttpResponse<Buffer> r : List.of(byForm, byBasic, byJson)) {
      assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
      JsonObject body = r.bodyAsJsonObject();
      assertThat(body.getString("token_type")).isEqualTo("Bearer");
      assertThat(body.getInteger("expires_in")).isEqualTo(900);
      assertThat(r.getHeader("Cache-Control")).isEqualTo("no-store");
      JsonObject claims = Jwts.claims(body.getString("access_token"));
      assertThat(claims.getJsonArray("roles")).containsExactly("partner");
      assertThat(claims.getInteger("rpm")).isEqualTo(120);
      assertThat(claims.getString("sub")).isEqualTo(partner.getString("partnerId"));
    }
    HttpResponse<Buffer> me = api.call(HttpMethod.GET, "/v1/me", token(), null);
    assertThat(me.bodyAsJsonObject().getJsonArray("roles")).containsExactly("partner");
  }

  @Test
  @DisplayName("a wrong secret or client is invalid-client, a wrong grant unsupported-grant-type")
  void badRequests() {
    String id = partner.getString("clientId");
    String secret = partner.getString("clientSecret");
    assertProblem(formToken(id, secret + "x"), 401, "invalid-client");
    assertProblem(formToken("hfp_nobody", secret), 401, "invalid-client");
    HttpResponse<Buffer> basic = Api.await(tokenRequest().basicAuthentication(id, "wrong")
        .sendForm(form("grant_type", "client_credentials")));
    assertProblem(basic, 401, "invalid-client");
    assertThat(basic.getHeader("WWW-Authenticate")).startsWith("Basic");
    assertProblem(Api.await(tokenRequest().sendJsonObject(new JsonObject()
        .put("grant_type", "client_credentials").put("client_id", id)
        .put("client_secret", "wrong"))), 401, "invalid-client");
    assertProblem(Api.await(tokenRequest().sendForm(form("grant_type", "client_credentials"))),
        401, "invalid-client");

    assertProblem(Api.await(tokenRequest().sendForm(form("grant_type", "password",
        "client_id", id, "client_secret", secret))), 400, "unsupported-grant-type");
    assertProblem(Api.await(tokenRequest().sendForm(form("client_id", id,
        "client_secret", secret))), 400, "invalid-request");
    assertProblem(Api.await(tokenRequest().basicAuthentication(id, secret)
        .sendForm(form("grant_type", "client_credentials", "client_id", id))), 400,
        "invalid-request");
    assertProblem(Api.await(tokenRequest().sendForm(form("grant_type", "client_credentials",
        "grant_type", "client_credentials", "client_id", id, "client_secret", secret))), 400,
        "invalid-request");
    assertProblem(Api.await(tokenRequest().putHeader("Content-Type", "text/plain")
        .sendBuffer(Buffer.buffer("grant_type=client_credentials"))), 415,
        "unsupported-media-type");
  }

  @Test
  @DisplayName("a partner holds on behalf of its customers, and maxPerBuyer counts per customer")
  void onBehalfOf() {
    String eventId = api.onSaleEvent(api.organizer(), 20, 300, 2);
    String token = token();
    JsonObject two = new JsonObject().put("section", "GA").put("quantity", 2);
    HttpResponse<Buffer> first = Api.await(api.hold(token, eventId,
        two.copy().put("onBehalfOf", "customer-a"), UUID.randomUUID().toString()));
    assertThat(first.statusCode()).as(first.bodyAsString()).isEqualTo(201);
    assertProblem(Api.await(api.hold(token, eventId, new JsonObject().put("section", "GA")
            .put("quantity", 1).put("onBehalfOf", "customer-a"), UUID.randomUUID().toString())),
        429, "purchase-limit");
    HttpResponse<Buffer> other = Api.await(api.hold(token, eventId,
        two.copy().put("onBehalfOf", "customer-b"), UUID.randomUUID().toString()));
    assertThat(other.statusCode()).as(other.bodyAsString()).isEqualTo(201);
    assertThat(api.availability(eventId).getInteger("held")).isEqualTo(4);

    String buyer = api.buyers(1).get(0);
    assertProblem(Api.await(api.hold(buyer, eventId, two.copy().put("onBehalfOf", "customer-c"),
        UUID.randomUUID().toString())), 422, "validation");
    assertThat(api.availability(eventId).getInteger("held")).isEqualTo(4);
  }

  @Test
  @DisplayName("a partner token cannot call organizer or admin routes, a buyer token no admin route")
  void forbidden() {
    String token = token();
    String name = "Not allowed " + UUID.randomUUID();
    assertProblem(api.call(HttpMethod.POST, "/v1/events", token, Organizing.body(name, 5)), 403,
        "forbidden");
    assertProblem(api.call(HttpMethod.GET, "/v1/organizer/events", token, null), 403,
        "forbidden");
    String buyer = api.buyers(1).get(0);
    String buyerId = Jwts.claims(buyer).getString("sub");
    for (String caller : new String[] {token, buyer}) {
      assertProblem(api.call(HttpMethod.POST, "/v1/admin/partners", caller,
          new JsonObject().put("name", name)), 403, "forbidden");
      assertProblem(api.call(HttpMethod.POST, "/v1/admin/users/" + buyerId + "/roles", caller,
          new JsonObject().put("grant", new JsonArray().add("admin"))), 403,
          "forbidden");
    }
    assertThat(api.count("select count(*) from users where name = $1", name)).isZero();
    assertThat(api.count("select count(*) from users where id = $1 and 'admin' = any(roles)",
        UUID.fromString(buyerId))).isZero();
  }

  @Test
  @DisplayName("revoking a partner's role disables its credentials")
  void revoked() {
    HttpResponse<Buffer> r = api.call(HttpMethod.POST, "/v1/admin/users/"
        + partner.getString("partnerId") + "/roles", admin,
        new JsonObject().put("revoke", new JsonArray().add("partner")));
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    assertProblem(formToken(partner.getString("clientId"), partner.getString("clientSecret")),
        401, "invalid-client");
  }
}
