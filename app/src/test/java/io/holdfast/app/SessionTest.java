package io.holdfast.app;

import static io.holdfast.testkit.http.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.support.crypto.Secrets;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Sessions: refresh tokens rotate, a reused one ends its session, logout and password changes end them too")
class SessionTest extends ApiTestBase {
  private static final String PASSWORD = "correct horse battery";

  /** Registers a new account; answers the register response's body. */
  private JsonObject register() {
    String email = "session-" + UUID.randomUUID() + "@test.holdfast.dev";
    HttpResponse<Buffer> r = api.call(HttpMethod.POST, "/v1/auth/register", null,
        new JsonObject().put("email", email).put("password", PASSWORD).put("name", "Sam"));
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
    return r.bodyAsJsonObject().put("email", email);
  }

  private HttpResponse<Buffer> refresh(String refreshToken) {
    return api.call(HttpMethod.POST, "/v1/auth/refresh", null,
        new JsonObject().put("refreshToken", refreshToken));
  }

  private int me(String accessToken) {
    return api.call(HttpMethod.GET, "/v1/me", accessToken, null).statusCode();
  }

  @Test
  @DisplayName("a refresh answers a new pair, the old refresh token stops working, and only hashes are stored")
  void rotates() {
    JsonObject session = register();
    String first = session.getString("refreshToken");
    assertThat(first).hasSizeGreaterThanOrEqualTo(43).matches("[A-Za-z0-9_-]+");
    assertThat(session.getInteger("expiresIn")).isEqualTo(900);

    HttpResponse<Buffer> next = refresh(first);
    assertThat(next.statusCode()).as(next.bodyAsString()).isEqualTo(200);
    String second = next.bodyAsJsonObject().getString("refreshToken");
    assertThat(second).isNotEqualTo(first);
    assertThat(me(next.bodyAsJsonObject().getString("accessToken"))).isEqualTo(200);
    assertThat(next.bodyAsJsonObject().getJsonObject("user").getString("email"))
        .isEqualTo(session.getString("email"));

    // Stored as SHA-256 only, both in one family, the second the child of the first.
    assertThat(api.count("select count(*) from refresh_tokens where token_hash = $1 "
        + "or token_hash = $2", Buffer.buffer(first.getBytes()), Buffer.buffer(second.getBytes())))
        .isZero();
    assertThat(api.count("select count(*) from refresh_tokens t join refresh_tokens p "
            + "on t.parent_id = p.id and t.family_id = p.family_id where t.token_hash = $1 "
            + "and p.token_hash = $2 and p.used_at is not null and t.used_at is null",
        Buffer.buffer(Secrets.hash(second)), Buffer.buffer(Secrets.hash(first)))).isOne();
  }

  @Test
  @DisplayName("a refresh token used twice revokes its whole family, the newest token included")
  void reuseRevokesTheFamily() {
    JsonObject session = register();
    String first = session.getString("refreshToken");
    String second = refresh(first).bodyAsJsonObject().getString("refreshToken");
    String third = refresh(second).bodyAsJsonObject().getString("refreshToken");

    assertProblem(refresh(first), 401, "invalid-refresh-token");
    assertProblem(refresh(third), 401, "invalid-refresh-token");
    assertThat(api.count("select count(*) from refresh_tokens where user_id = $1 "
        + "and revoked_at is null", userId(session))).isZero();
    // A new login starts a new session that works.
    HttpResponse<Buffer> again = api.login(session.getString("email"), PASSWORD);
    assertThat(refresh(again.bodyAsJsonObject().getString("refreshToken")).statusCode())
        .isEqualTo(200);
  }

  @Test
  @DisplayName("of parallel refreshes with one token exactly one succeeds")
  void parallelRefreshes() {
    String token = register().getString("refreshToken");
    List<Future<HttpResponse<Buffer>>> calls = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      calls.add(api.request(HttpMethod.POST, "/v1/auth/refresh", null)
          .sendJsonObject(new JsonObject().put("refreshToken", token)));
    }
    Api.await(Future.join(calls));
    long ok = calls.stream().filter(f -> f.result().statusCode() == 200).count();
    long refused = calls.stream().filter(f -> f.result().statusCode() == 401).count();
    assertThat(ok).isEqualTo(1);
    assertThat(refused).isEqualTo(11);
  }

  @Test
  @DisplayName("unknown, malformed and missing refresh tokens are refused precisely")
  void badRefreshTokens() {
    assertProblem(refresh(Secrets.random(32)), 401, "invalid-refresh-token");
    assertProblem(api.call(HttpMethod.POST, "/v1/auth/refresh", null, new JsonObject()), 422,
        "validation");
    assertProblem(api.call(HttpMethod.POST, "/v1/auth/refresh", null,
        new JsonObject().put("refreshToken", 7)), 422, "validation");
  }

  @Test
  @DisplayName("logout ends the session of its refresh token; someone else's token is left alone")
  void logout() {
    JsonObject mine = register();
    JsonObject theirs = register();
    String access = mine.getString("accessToken");

    HttpResponse<Buffer> foreign = api.call(HttpMethod.POST, "/v1/auth/logout", access,
        new JsonObject().put("refreshToken", theirs.getString("refreshToken")));
    assertThat(foreign.statusCode()).isEqualTo(204);
    assertThat(refresh(theirs.getString("refreshToken")).statusCode()).isEqualTo(200);

    assertThat(api.call(HttpMethod.POST, "/v1/auth/logout", access,
        new JsonObject().put("refreshToken", mine.getString("refreshToken"))).statusCode())
        .isEqualTo(204);
    assertProblem(refresh(mine.getString("refreshToken")), 401, "invalid-refresh-token");
    assertProblem(api.call(HttpMethod.POST, "/v1/auth/logout", null,
        new JsonObject().put("refreshToken", "x")), 401, "unauthorized");
  }

  @Test
  @DisplayName("PATCH /v1/me changes the name, and the password only with the current one; a new password ends every session")
  void updateMe() {
    JsonObject session = register();
    String access = session.getString("accessToken");
    String email = session.getString("email");
    HttpResponse<Buffer> renamed = api.call(HttpMethod.PATCH, "/v1/me", access,
        new JsonObject().put("name", "Samantha"));
    assertThat(renamed.statusCode()).as(renamed.bodyAsString()).isEqualTo(200);
    assertThat(renamed.bodyAsJsonObject().getString("name")).isEqualTo("Samantha");
    assertThat(refresh(session.getString("refreshToken")).statusCode()).isEqualTo(200);
    String loggedIn = api.login(email, PASSWORD).bodyAsJsonObject().getString("refreshToken");

    assertProblem(api.call(HttpMethod.PATCH, "/v1/me", access, new JsonObject()), 422,
        "validation");
    assertProblem(api.call(HttpMethod.PATCH, "/v1/me", access,
        new JsonObject().put("password", "a new long password")), 422, "validation");
    HttpResponse<Buffer> wrong = api.call(HttpMethod.PATCH, "/v1/me", access, new JsonObject()
        .put("password", "a new long password").put("currentPassword", "not it at all"));
    assertProblem(wrong, 422, "wrong-current-password");
    assertThat(wrong.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0)
        .getString("field")).isEqualTo("currentPassword");
    assertThat(api.login(email, PASSWORD).statusCode()).isEqualTo(200);

    HttpResponse<Buffer> changed = api.call(HttpMethod.PATCH, "/v1/me", access, new JsonObject()
        .put("password", "a new long password").put("currentPassword", PASSWORD));
    assertThat(changed.statusCode()).as(changed.bodyAsString()).isEqualTo(200);
    assertProblem(api.login(email, PASSWORD), 401, "invalid-credentials");
    assertThat(api.login(email, "a new long password").statusCode()).isEqualTo(200);
    assertProblem(refresh(loggedIn), 401, "invalid-refresh-token");
  }

  @Test
  @DisplayName("an unknown email and a wrong password get the very same answer")
  void sameAnswer() {
    JsonObject session = register();
    HttpResponse<Buffer> wrongPassword = api.login(session.getString("email"), "not the password");
    HttpResponse<Buffer> unknownEmail = api.login("nobody-" + UUID.randomUUID()
        + "@test.holdfast.dev", "not the password");
    assertProblem(wrongPassword, 401, "invalid-credentials");
    assertThat(unknownEmail.statusCode()).isEqualTo(wrongPassword.statusCode());
    assertThat(unknownEmail.bodyAsString()).isEqualTo(wrongPassword.bodyAsString());
    assertThat(unknownEmail.headers().names())
        .containsExactlyInAnyOrderElementsOf(wrongPassword.headers().names());
  }

  private static UUID userId(JsonObject session) {
    return UUID.fromString(session.getJsonObject("user").getString("id"));
  }
}
