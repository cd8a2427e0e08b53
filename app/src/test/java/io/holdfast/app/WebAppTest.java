package io.holdfast.app;

import static io.holdfast.testkit.http.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The web app from the edge: pages never cached, hashed files for a year, sessions in httpOnly cookies with a CSRF check")
class WebAppTest extends ApiTestBase {
  private static final Pattern ASSET = Pattern.compile("/assets/[A-Za-z0-9_-]+\\.js");

  private HttpResponse<Buffer> get(String path, String... headers) {
    var request = api.request(HttpMethod.GET, path, null);
    for (int i = 0; i < headers.length; i += 2) {
      request.putHeader(headers[i], headers[i + 1]);
    }
    return Api.await(request.send());
  }

  @Test
  @DisplayName("every page path answers index.html, not cached, under a policy that allows this origin's scripts only")
  void pages() {
    for (String path : List.of("/", "/events/" + UUID.randomUUID(), "/orders", "/door/x")) {
      HttpResponse<Buffer> page = get(path);
      assertThat(page.statusCode()).as(path).isEqualTo(200);
      assertThat(page.getHeader("Content-Type")).startsWith("text/html");
      assertThat(page.getHeader("Cache-Control")).isEqualTo("no-cache");
      assertThat(page.getHeader("Content-Security-Policy"))
          .contains("script-src 'self';", "style-src 'self';", "frame-ancestors 'none'")
          .doesNotContain("unsafe-inline", "https://");
      assertThat(page.bodyAsString()).contains("<div id=\"app\">");
    }
    HttpResponse<Buffer> index = get("/");
    HttpResponse<Buffer> again = get("/", "If-None-Match", index.getHeader("ETag"));
    assertThat(again.statusCode()).isEqualTo(304);
    assertThat(again.getHeader("ETag")).isEqualTo(index.getHeader("ETag"));
    assertThat(again.getHeader("Cache-Control")).isEqualTo("no-cache");
    assertThat(again.body()).isNull();
    // The edge's own protections come with every page.
    assertThat(index.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(index.getHeader("X-Frame-Options")).isEqualTo("DENY");
    assertThat(index.headers().getAll("Cache-Control")).containsExactly("no-cache");
  }

  @Test
  @DisplayName("hashed files are cached for a year and gzipped when asked; a name no build made is a 404 problem")
  void assets() throws IOException {
    String html = get("/").bodyAsString();
    Matcher script = ASSET.matcher(html);
    assertThat(script.find()).as(html).isTrue();
    HttpResponse<Buffer> plain = get(script.group());
    assertThat(plain.statusCode()).isEqualTo(200);
    assertThat(plain.getHeader("Cache-Control")).isEqualTo("public, max-age=31536000, immutable");
    assertThat(plain.getHeader("Content-Type")).startsWith("text/javascript");
    HttpResponse<Buffer> gzipped = get(script.group(), "Accept-Encoding", "gzip");
    assertThat(gzipped.getHeader("Content-Encoding")).isEqualTo("gzip");
    assertThat(gzipped.body().length()).isLessThan(plain.body().length());
    try (GZIPInputStream in = new GZIPInputStream(
        new ByteArrayInputStream(gzipped.body().getBytes()))) {
      assertThat(in.readAllBytes()).isEqualTo(plain.body().getBytes());
    }
    HttpResponse<Buffer> head = Api.await(api.request(HttpMethod.HEAD, script.group(), null)
        .putHeader("Accept-Encoding", "gzip").send());
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.getHeader("Content-Length"))
        .isEqualTo(String.valueOf(gzipped.body().length()));
    assertThat(head.body()).isNull();
    assertProblem(get("/assets/nothing-here.js"), 404, "not-found");
    assertProblem(get("/missing.png"), 404, "not-found");
    // The API's paths are never pages.
    assertProblem(get("/v1/nothing-here"), 404, "not-found");
  }

  @Test
  @DisplayName("a browser's login sets the refresh token as an httpOnly SameSite=Strict cookie, and the body leaves it out")
  void cookieLogin() {
    Session session = browserSession();
    assertThat(session.tokens.containsKey("refreshToken")).isFalse();
    assertThat(session.tokens.getString("accessToken")).isNotBlank();
    assertThat(session.refreshCookie).containsIgnoringCase("HttpOnly")
        .contains("SameSite=Strict", "Path=/v1/auth");
    assertThat(session.csrfCookie).contains("SameSite=Strict", "Path=/")
        .doesNotContainIgnoringCase("HttpOnly");
  }

  @Test
  @DisplayName("a refresh by cookie needs the CSRF header to repeat its cookie; with it, the cookie rotates")
  void cookieRefresh() {
    Session session = browserSession();
    HttpResponse<Buffer> forged = refresh(session.refresh, session.csrf, "not-the-cookie");
    assertProblem(forged, 403, "csrf-failed");
    assertProblem(refresh(session.refresh, session.csrf, null), 403, "csrf-failed");

    HttpResponse<Buffer> next = refresh(session.refresh, session.csrf, session.csrf);
    assertThat(next.statusCode()).as(next.bodyAsString()).isEqualTo(200);
    assertThat(next.bodyAsJsonObject().containsKey("refreshToken")).isFalse();
    String rotated = cookie(next, "hf_refresh");
    assertThat(value(rotated)).isNotEqualTo(session.refresh);
    // The cookie used once is spent: using it again ends the session, and clears the cookies.
    HttpResponse<Buffer> reused = refresh(session.refresh, session.csrf, session.csrf);
    assertProblem(reused, 401, "invalid-refresh-token");
    assertThat(cookie(reused, "hf_refresh")).contains("Max-Age=0");
  }

  @Test
  @DisplayName("logging out by cookie ends the session and clears the cookies")
  void cookieLogout() {
    Session session = browserSession();
    HttpResponse<Buffer> out = Api.await(api.request(HttpMethod.POST, "/v1/auth/logout",
            session.tokens.getString("accessToken"))
        .putHeader("Cookie", "hf_refresh=" + session.refresh + "; hf_csrf=" + session.csrf)
        .putHeader("X-Holdfast-CSRF", session.csrf).send());
    assertThat(out.statusCode()).as(out.bodyAsString()).isEqualTo(204);
    assertThat(cookie(out, "hf_refresh")).contains("Max-Age=0");
    assertProblem(refresh(session.refresh, session.csrf, session.csrf), 401,
        "invalid-refresh-token");
  }

  private record Session(JsonObject tokens, String refreshCookie, String csrfCookie,
      String refresh, String csrf) {}

  private Session browserSession() {
    String email = "web-" + UUID.randomUUID() + "@test.holdfast.dev";
    HttpResponse<Buffer> registered = Api.await(api.request(HttpMethod.POST,
            "/v1/auth/register", null)
        .putHeader("X-Holdfast-Session", "cookie")
        .sendJsonObject(new JsonObject().put("email", email).put("password", "web-app-password")
            .put("name", "Web")));
    assertThat(registered.statusCode()).as(registered.bodyAsString()).isEqualTo(201);
    HttpResponse<Buffer> login = Api.await(api.request(HttpMethod.POST, "/v1/auth/login", null)
        .putHeader("X-Holdfast-Session", "cookie")
        .sendJsonObject(new JsonObject().put("email", email).put("password", "web-app-password")));
    assertThat(login.statusCode()).as(login.bodyAsString()).isEqualTo(200);
    String refresh = cookie(login, "hf_refresh");
    String csrf = cookie(login, "hf_csrf");
    return new Session(login.bodyAsJsonObject(), refresh, csrf, value(refresh), value(csrf));
  }

  private HttpResponse<Buffer> refresh(String refresh, String csrfCookie, String csrfHeader) {
    var request = api.request(HttpMethod.POST, "/v1/auth/refresh", null)
        .putHeader("X-Holdfast-Session", "cookie")
        .putHeader("Cookie", "hf_refresh=" + refresh + "; hf_csrf=" + csrfCookie);
    if (csrfHeader != null) {
      request.putHeader("X-Holdfast-CSRF", csrfHeader);
    }
    return Api.await(request.send());
  }

  private static String cookie(HttpResponse<Buffer> response, String name) {
    return response.cookies().stream().filter(c -> c.startsWith(name + "=")).findFirst()
        .orElseThrow(() -> new AssertionError("no " + name + " cookie in " + response.cookies()));
  }

  private static String value(String setCookie) {
    return setCookie.substring(setCookie.indexOf('=') + 1, setCookie.indexOf(';'));
  }
}
