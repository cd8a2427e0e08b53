package io.holdfast.app;

import static io.holdfast.testkit.http.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("Admins grant and revoke roles, and the next refresh carries the change")
class AdminRolesTest {
  private Api api;
  private String admin;
  private JsonObject session;
  private String userId;

  @BeforeEach
  void setUp(Vertx vertx) {
    api = new Api(vertx, TestPlatform.get());
    admin = api.admin();
    HttpResponse<Buffer> r = api.call(HttpMethod.POST, "/v1/auth/register", null, new JsonObject()
        .put("email", "roles-" + UUID.randomUUID() + "@test.holdfast.dev")
        .put("password", "long enough password").put("name", "Robin"));
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
    session = r.bodyAsJsonObject();
    userId = session.getJsonObject("user").getString("id");
  }

  @AfterEach
  void tearDown() {
    api.close();
  }

  private HttpResponse<Buffer> roles(String token, String user, JsonObject body) {
    return api.call(HttpMethod.POST, "/v1/admin/users/" + user + "/roles", token, body);
  }

  /** Refreshes the session; answers the new access token. */
  private String refresh() {
    HttpResponse<Buffer> r = api.call(HttpMethod.POST, "/v1/auth/refresh", null,
        new JsonObject().put("refreshToken", session.getString("refreshToken")));
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    session = r.bodyAsJsonObject();
    return session.getString("accessToken");
  }

  private int organizerList(String token) {
    return api.call(HttpMethod.GET, "/v1/organizer/events", token, null).statusCode();
  }

  @Test
  @DisplayName("a granted role is in the tokens of the next refresh, and a revoked one is gone")
  void grantAndRevoke() {
    assertThat(organizerList(session.getString("accessToken"))).isEqualTo(403);
    HttpResponse<Buffer> granted = roles(admin, userId, new JsonObject()
        .put("grant", new JsonArray().add("organizer").add("staff").add("buyer")));
    assertThat(granted.statusCode()).as(granted.bodyAsString()).isEqualTo(200);
    assertThat(granted.bodyAsJsonObject().getJsonArray("roles"))
        .containsExactly("buyer", "organizer", "staff");
    assertThat(organizerList(refresh())).isEqualTo(200);

    HttpResponse<Buffer> revoked = roles(admin, userId, new JsonObject()
        .put("revoke", new JsonArray().add("organizer")));
    assertThat(revoked.bodyAsJsonObject().getJsonArray("roles")).containsExactly("buyer", "staff");
    assertThat(organizerList(refresh())).isEqualTo(403);
  }

  @Test
  @DisplayName("an admin finds an account by its email in any case; an unknown one is a 404, none a 422, a non-admin a 403")
  void findByEmail() {
    String email = session.getJsonObject("user").getString("email");
    HttpResponse<Buffer> found = api.call(HttpMethod.GET, "/v1/admin/users?email="
        + email.toUpperCase(java.util.Locale.ROOT), admin, null);
    assertThat(found.statusCode()).as(found.bodyAsString()).isEqualTo(200);
    assertThat(found.bodyAsJsonObject().getString("id")).isEqualTo(userId);
    assertThat(found.bodyAsJsonObject().getJsonArray("roles")).containsExactly("buyer");
    assertProblem(api.call(HttpMethod.GET, "/v1/admin/users?email=nobody-"
        + UUID.randomUUID() + "@test.holdfast.dev", admin, null), 404, "not-found");
    assertProblem(api.call(HttpMethod.GET, "/v1/admin/users", admin, null), 422, "validation");
    assertProblem(api.call(HttpMethod.GET, "/v1/admin/users?email=" + email,
        session.getString("accessToken"), null), 403, "forbidden");
  }

  @Test
  @DisplayName("an unknown user is a 404, an unknown role or an empty change a 422, a non-admin a 403")
  void refusals() {
    assertProblem(roles(admin, UUID.randomUUID().toString(), new JsonObject()
        .put("grant", new JsonArray().add("staff"))), 404, "not-found");
    assertProblem(roles(admin, "not-a-user", new JsonObject()
        .put("grant", new JsonArray().add("staff"))), 404, "not-found");
    HttpResponse<Buffer> unknown = roles(admin, userId, new JsonObject()
        .put("grant", new JsonArray().add("superuser")));
    assertProblem(unknown, 422, "validation");
    assertThat(unknown.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0)
        .getString("field")).isEqualTo("grant[0]");
    assertProblem(roles(admin, userId, new JsonObject()), 422, "validation");
    assertProblem(roles(admin, userId, new JsonObject().put("grant", new JsonArray().add("staff"))
        .put("revoke", new JsonArray().add("staff"))), 422, "validation");
    assertProblem(roles(session.getString("accessToken"), userId, new JsonObject()
        .put("grant", new JsonArray().add("admin"))), 403, "forbidden");
    assertThat(api.count("select count(*) from users where id = $1 and roles = '{buyer}'",
        UUID.fromString(userId))).isOne();
  }
}
