package io.holdfast.app;

import io.holdfast.accounts.OrganizerEmails;
import static io.holdfast.testkit.http.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.holdfast.edge.HttpEdgeVerticle;
import io.holdfast.support.config.Settings;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Organizer emails: a listed address becomes organizer once verified; the platform makes the listed accounts itself")
class OrganizerAccountsTest extends ApiTestBase {
  private static JsonObject account(String email) {
    return new JsonObject().put("email", email).put("password", "long enough password")
        .put("name", "Stranger");
  }

  private String[] roles(String email) {
    return Api.await(api.sql.preparedQuery("select roles from users where email = $1")
        .execute(Tuple.of(email))).iterator().next().getArrayOfStrings("roles");
  }

  @Test
  @DisplayName("registering with an address listed as an organizer's yields a buyer, an organizer once the mailed link is used")
  void registeringGrantsNothing(Vertx vertx) {
    String listed = "listed-" + UUID.randomUUID() + "@test.holdfast.dev";
    HttpEdgeVerticle edge = new HttpEdgeVerticle();
    String deployment = Api.await(api.platform.vertx().deployVerticle(edge, new DeploymentOptions()
        .setConfig(api.platform.config().copy().put(Settings.HTTP_PORT.key(), 0)
            .put(OrganizerEmails.EMAILS.key(), TestPlatform.ORGANIZER_EMAIL + "," + listed))));
    WebClient client = WebClient.create(vertx);
    try {
      HttpResponse<Buffer> r = Api.await(client.post(edge.actualPort(), "127.0.0.1",
          "/v1/auth/register").sendJsonObject(account(listed.toUpperCase())));
      assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
      assertThat(r.bodyAsJsonObject().getJsonObject("user").getJsonArray("roles"))
          .containsExactly("buyer");
      assertThat(r.bodyAsJsonObject().getJsonObject("user").getBoolean("emailVerified"))
          .isFalse();
      HttpResponse<Buffer> verified = Api.await(client.post(edge.actualPort(), "127.0.0.1",
          "/v1/auth/verify-email").sendJsonObject(new JsonObject()
          .put("token", api.mailedToken(listed, "verify-email"))));
      assertThat(verified.statusCode()).as(verified.bodyAsString()).isEqualTo(200);
      assertThat(verified.bodyAsJsonObject().getBoolean("emailVerified")).isTrue();
      assertThat(roles(listed.toUpperCase())).containsExactly("buyer", "organizer");
    } finally {
      client.close();
      Api.await(api.platform.vertx().undeploy(deployment));
    }
  }

  @Test
  @DisplayName("the platform made the listed account at start with the operator's initial password: an organizer once its mailed link is used")
  void listedAccountMade() {
    JsonObject credentials = new JsonObject().put("email", TestPlatform.ORGANIZER_EMAIL)
        .put("password", TestPlatform.ORGANIZER_PASSWORD);
    HttpResponse<Buffer> login = api.call(HttpMethod.POST, "/v1/auth/login", null, credentials);
    assertThat(login.statusCode()).as(login.bodyAsString()).isEqualTo(200);
    JsonObject user = login.bodyAsJsonObject().getJsonObject("user");
    if (!user.getBoolean("emailVerified")) {
      assertThat(user.getJsonArray("roles")).containsExactly("buyer");
      assertThat(api.verifyMailed(TestPlatform.ORGANIZER_EMAIL).statusCode()).isEqualTo(200);
      login = api.call(HttpMethod.POST, "/v1/auth/login", null, credentials);
    }
    assertThat(login.bodyAsJsonObject().getJsonObject("user").getJsonArray("roles"))
        .containsExactly("buyer", "organizer");
    // So nobody can register it first.
    assertProblem(api.call(HttpMethod.POST, "/v1/auth/register", null,
        account(TestPlatform.ORGANIZER_EMAIL)), 409, "email-taken");
  }

  @Test
  @DisplayName("a listed address someone registered and verified before it was listed stays a buyer at the next start")
  void registeredFirstStaysBuyer() {
    String email = "early-" + UUID.randomUUID() + "@test.holdfast.dev";
    assertThat(api.call(HttpMethod.POST, "/v1/auth/register", null, account(email))
        .statusCode()).isEqualTo(201);
    assertThat(api.verifyMailed(email).statusCode()).isEqualTo(200);
    JsonObject config = api.platform.config().copy().put(OrganizerEmails.EMAILS.key(), email);
    Api.await(new OrganizerAccounts(api.platform.vertx(), config).provision());
    assertThat(roles(email)).containsExactly("buyer");
  }

  @Test
  @DisplayName("a listed address with no account and no initial password stops the start, naming it")
  void missingPasswordRefused() {
    String email = "unmade-" + UUID.randomUUID() + "@test.holdfast.dev";
    JsonObject config = api.platform.config().copy().put(OrganizerEmails.EMAILS.key(), email);
    config.remove(OrganizerAccounts.PASSWORD);
    assertThatThrownBy(() -> Api.await(
        new OrganizerAccounts(api.platform.vertx(), config).provision()))
        .hasMessageContaining(email).hasMessageContaining("HOLDFAST_ORGANIZER_PASSWORD_FILE");
    assertThat(api.count("select count(*) from users where email = $1", email)).isZero();
  }
}
