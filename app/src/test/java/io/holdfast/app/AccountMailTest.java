package io.holdfast.app;

import static io.holdfast.testkit.http.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Account mail: verifying an address and resetting a password by emailed, single-use links")
class AccountMailTest extends ApiTestBase {
  private static final String PASSWORD = "first long password";

  private String register() {
    String email = "mail-" + UUID.randomUUID() + "@test.holdfast.dev";
    HttpResponse<Buffer> r = api.call(HttpMethod.POST, "/v1/auth/register", null,
        new JsonObject().put("email", email).put("password", PASSWORD).put("name", "Mia"));
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
    return email;
  }

  private HttpResponse<Buffer> requestReset(String email) {
    return api.call(HttpMethod.POST, "/v1/auth/password-reset", null,
        new JsonObject().put("email", email));
  }

  private HttpResponse<Buffer> confirm(String token, String password) {
    return api.call(HttpMethod.POST, "/v1/auth/password-reset/confirm", null,
        new JsonObject().put("token", token).put("password", password));
  }

  private long mails(String email, String template) {
    return api.count("select count(*) from mail_messages where lower(recipient) = lower($1) "
        + "and template = $2", email, template);
  }

  @Test
  @DisplayName("registering owes one verification mail; its link verifies the address once, a second use is 410")
  void verifyOnce() {
    String email = register();
    assertThat(mails(email, "verify-email")).isOne();
    String token = api.mailedToken(email, "verify-email");
    HttpResponse<Buffer> first = api.call(HttpMethod.POST, "/v1/auth/verify-email", null,
        new JsonObject().put("token", token));
    assertThat(first.statusCode()).as(first.bodyAsString()).isEqualTo(200);
    assertThat(first.bodyAsJsonObject().getBoolean("emailVerified")).isTrue();
    assertThat(api.count("select count(*) from users where email = $1 "
        + "and email_verified_at is not null", email)).isOne();
    assertProblem(api.call(HttpMethod.POST, "/v1/auth/verify-email", null,
        new JsonObject().put("token", token)), 410, "token-used");
  }

  @Test
  @DisplayName("a made-up, cut-short or reset token does not verify an address, and nothing changes")
  void badVerifyTokens() {
    String email = register();
    String token = api.mailedToken(email, "verify-email");
    assertProblem(api.call(HttpMethod.POST, "/v1/auth/verify-email", null,
        new JsonObject().put("token", token.substring(0, token.length() - 1))), 400,
        "token-invalid");
    assertProblem(api.call(HttpMethod.POST, "/v1/auth/verify-email", null,
        new JsonObject().put("token", "x")), 400, "token-invalid");
    assertProblem(api.call(HttpMethod.POST, "/v1/auth/verify-email", null,
        new JsonObject()), 422, "validation");
    // A verification token is not a reset token.
    assertProblem(confirm(token, "another long password"), 400, "token-invalid");
    assertThat(api.count("select count(*) from users where email = $1 "
        + "and email_verified_at is null", email)).isOne();
    assertThat(api.login(email, PASSWORD).statusCode()).isEqualTo(200);
  }

  @Test
  @DisplayName("a reset request answers the same whether or not the address has an account, and mails only an account")
  void sameAnswer() {
    String email = register();
    String nobody = "nobody-" + UUID.randomUUID() + "@test.holdfast.dev";
    HttpResponse<Buffer> known = requestReset(email);
    HttpResponse<Buffer> unknown = requestReset(nobody);
    assertThat(known.statusCode()).isEqualTo(202);
    assertThat(unknown.statusCode()).isEqualTo(202);
    assertThat(known.bodyAsString()).isEqualTo(unknown.bodyAsString());
    assertThat(Api.eventually(Duration.ofSeconds(5), () -> mails(email, "password-reset") == 1))
        .isTrue();
    assertThat(mails(nobody, "password-reset")).isZero();
  }

  @Test
  @DisplayName("a reset link sets the new password once, ends every session and proves the address")
  void resetOnce() {
    String email = register();
    String refresh = api.login(email, PASSWORD).bodyAsJsonObject().getString("refreshToken");
    requestReset(email);
    assertThat(Api.eventually(Duration.ofSeconds(5),
        () -> api.mailedToken(email, "password-reset") != null)).isTrue();
    String token = api.mailedToken(email, "password-reset");
    HttpResponse<Buffer> done = confirm(token, "second long password");
    assertThat(done.statusCode()).as(done.bodyAsString()).isEqualTo(200);
    assertThat(done.bodyAsJsonObject().getBoolean("emailVerified")).isTrue();
    assertThat(api.login(email, "second long password").statusCode()).isEqualTo(200);
    assertProblem(api.login(email, PASSWORD), 401, "invalid-credentials");
    assertThat(api.call(HttpMethod.POST, "/v1/auth/refresh", null,
        new JsonObject().put("refreshToken", refresh)).statusCode()).isEqualTo(401);
    // Used once: the same link again changes nothing.
    assertProblem(confirm(token, "third long password"), 410, "token-used");
    assertThat(api.login(email, "second long password").statusCode()).isEqualTo(200);
  }

  @Test
  @DisplayName("a reset link used late is 410 and the password stays; a short new password is 422 and keeps the link")
  void lateOrShort() {
    String email = register();
    requestReset(email);
    assertThat(Api.eventually(Duration.ofSeconds(5),
        () -> api.mailedToken(email, "password-reset") != null)).isTrue();
    String token = api.mailedToken(email, "password-reset");
    assertProblem(confirm(token, "short"), 422, "validation");
    api.count("with late as (update account_tokens set expires_at = now() - interval '1 minute' "
        + "where user_id = (select id from users where email = $1) returning 1) "
        + "select count(*) from late", email);
    assertProblem(confirm(token, "another long password"), 410, "token-expired");
    assertThat(api.login(email, PASSWORD).statusCode()).isEqualTo(200);
  }

  @Test
  @DisplayName("reset mails are throttled per account: past the hourly number the answer is the same and no mail is owed")
  void throttled() {
    String email = register();
    for (int i = 0; i < 5; i++) {
      assertThat(requestReset(email).statusCode()).isEqualTo(202);
    }
    assertThat(Api.eventually(Duration.ofSeconds(5), () -> mails(email, "password-reset") == 3))
        .isTrue();
    assertThat(Api.eventually(Duration.ofMillis(500), () -> mails(email, "password-reset") > 3))
        .isFalse();
  }

  @Test
  @DisplayName("resending a verification link is for the unverified: 202, then 409 once verified")
  void resend() {
    String email = register();
    String token = api.login(email, PASSWORD).bodyAsJsonObject().getString("accessToken");
    assertThat(api.call(HttpMethod.POST, "/v1/auth/verify-email/resend", token, null)
        .statusCode()).isEqualTo(202);
    assertThat(mails(email, "verify-email")).isEqualTo(2);
    assertThat(api.verifyMailed(email).statusCode()).isEqualTo(200);
    assertProblem(api.call(HttpMethod.POST, "/v1/auth/verify-email/resend", token, null), 409,
        "already-verified");
  }
}
