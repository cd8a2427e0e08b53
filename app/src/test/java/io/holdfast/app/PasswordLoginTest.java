package io.holdfast.app;

import static io.holdfast.testkit.http.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.edge.auth.PasswordHashes;
import io.holdfast.testkit.auth.LegacyHashes;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Logins: older password hashes still work and are replaced by Argon2id, on a pool of their own")
class PasswordLoginTest extends ApiTestBase {
  private static final String PASSWORD = "correct horse battery";
  /** What TestPlatform's costs make: cheap Argon2id, for speed. */
  private static final String TODAY = "$argon2id$v=19$m=64,t=1,p=1$";

  /** An account stored with {@code hash}; answers its email. */
  private String account(String hash) {
    String email = "hash-" + UUID.randomUUID() + "@test.holdfast.dev";
    Api.await(api.sql.preparedQuery("insert into users (id, email, name, password_hash, roles) "
            + "values ($1, $2, 'Old', $3, '{buyer}')")
        .execute(Tuple.of(UUID.randomUUID(), email, hash)));
    return email;
  }

  private String stored(String email) {
    return Api.await(api.sql.preparedQuery("select password_hash from users where email = $1")
        .execute(Tuple.of(email))).iterator().next().getString(0);
  }

  @Test
  @DisplayName("an account with a PBKDF2 hash logs in, and its hash becomes Argon2id of today's costs")
  void pbkdf2Upgraded() throws Exception {
    String email = account(LegacyHashes.pbkdf2(PASSWORD, 1000));
    HttpResponse<Buffer> first = api.login(email, PASSWORD);
    assertThat(first.statusCode()).as(first.bodyAsString()).isEqualTo(200);
    String upgraded = stored(email);
    assertThat(upgraded).startsWith(TODAY);

    // The new hash is the password's: the next login works, and keeps it.
    assertThat(api.login(email, PASSWORD).statusCode()).isEqualTo(200);
    assertThat(stored(email)).isEqualTo(upgraded);
    // The upgrade is no password change: the first login's session goes on.
    assertThat(api.call(HttpMethod.POST, "/v1/auth/refresh", null, new JsonObject()
        .put("refreshToken", first.bodyAsJsonObject().getString("refreshToken"))).statusCode())
        .isEqualTo(200);
  }

  @Test
  @DisplayName("an Argon2id hash of other costs is hashed again with today's on login")
  void argon2Upgraded() {
    String email = account(new PasswordHashes(new PasswordHashes.Cost(32, 2, 1)).hash(PASSWORD));
    assertThat(api.login(email, PASSWORD).statusCode()).isEqualTo(200);
    assertThat(stored(email)).startsWith(TODAY);
  }

  @Test
  @DisplayName("a wrong password is refused for both formats, and leaves the hash as it was")
  void wrongPasswords() throws Exception {
    String old = LegacyHashes.pbkdf2(PASSWORD, 1000);
    String oldEmail = account(old);
    assertProblem(api.login(oldEmail, "not the password"), 401, "invalid-credentials");
    assertThat(stored(oldEmail)).isEqualTo(old);

    String email = "hash-" + UUID.randomUUID() + "@test.holdfast.dev";
    assertThat(api.call(HttpMethod.POST, "/v1/auth/register", null, new JsonObject()
        .put("email", email).put("password", PASSWORD).put("name", "New")).statusCode())
        .isEqualTo(201);
    String current = stored(email);
    assertThat(current).startsWith(TODAY);
    assertProblem(api.login(email, "not the password"), 401, "invalid-credentials");
    assertThat(stored(email)).isEqualTo(current);
  }

  @Test
  @DisplayName("logins go on while every thread of the default worker pool is busy")
  void ownPool() {
    String email = account(new PasswordHashes(new PasswordHashes.Cost(64, 1, 1)).hash(PASSWORD));
    Vertx vertx = api.platform.vertx();
    CountDownLatch release = new CountDownLatch(1);
    // Vert.x's default worker pool has 20 threads; 40 tasks keep all of them busy.
    for (int i = 0; i < 40; i++) {
      vertx.executeBlocking(() -> release.await(20, TimeUnit.SECONDS), false);
    }
    try {
      long began = System.nanoTime();
      HttpResponse<Buffer> r = api.login(email, PASSWORD);
      assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
      assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - began)).isLessThan(10);
    } finally {
      release.countDown();
    }
  }
}
