package io.holdfast.edge.auth;

import io.holdfast.contracts.problem.Problem;
import io.holdfast.support.crypto.Secrets;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;

/**
 * A browser's session: the refresh token in an httpOnly, SameSite=Strict cookie scoped to
 * {@code /v1/auth} (no script reads it, no other site sends it), the access token only in the
 * page's memory. What the cookie authorises (a refresh, a logout) also needs the
 * {@code X-Holdfast-CSRF} header to repeat the {@code hf_csrf} cookie, which only a page of this
 * origin can read: a double submit on top of SameSite.
 *
 * <p>A client asks for cookies with {@code X-Holdfast-Session: cookie} on login, register and
 * refresh; the answer then carries no refresh token. Other clients (partners, scripts, the
 * tests) keep sending the token in the body.
 */
public final class SessionCookies {
  public static final String MODE_HEADER = "X-Holdfast-Session";
  public static final String CSRF_HEADER = "X-Holdfast-CSRF";
  public static final String REFRESH_COOKIE = "hf_refresh";
  public static final String CSRF_COOKIE = "hf_csrf";
  static final String REFRESH_PATH = "/v1/auth";

  private final long maxAgeSeconds;

  public SessionCookies(long maxAgeSeconds) {
    this.maxAgeSeconds = maxAgeSeconds;
  }

  /** Whether the client asked for its session in cookies. */
  public static boolean wanted(RoutingContext ctx) {
    return "cookie".equalsIgnoreCase(ctx.request().getHeader(MODE_HEADER));
  }

  /** Whether the request carries a refresh cookie (and no token in its body to prefer). */
  public static boolean carried(RoutingContext ctx) {
    return ctx.request().getCookie(REFRESH_COOKIE) != null
        && (ctx.body().buffer() == null || ctx.body().buffer().length() == 0);
  }

  /**
   * The refresh token of the cookie, once the CSRF header matches its cookie; a 403
   * {@code csrf-failed} otherwise.
   */
  public static String refreshToken(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    Cookie csrf = request.getCookie(CSRF_COOKIE);
    String header = request.getHeader(CSRF_HEADER);
    if (csrf == null || header == null || !MessageDigest.isEqual(
        csrf.getValue().getBytes(StandardCharsets.UTF_8),
        header.getBytes(StandardCharsets.UTF_8))) {
      throw Problem.of(403, "csrf-failed", "Cross-site request refused", "A request authorised "
          + "by the session cookie must repeat the " + CSRF_COOKIE + " cookie in the "
          + CSRF_HEADER + " header").toException();
    }
    return request.getCookie(REFRESH_COOKIE).getValue();
  }

  /** Moves the refresh token of {@code tokens} into the cookies; the body keeps the rest. */
  public JsonObject hand(RoutingContext ctx, JsonObject tokens) {
    String refresh = (String) tokens.remove("refreshToken");
    boolean secure = secure(ctx.request());
    ctx.response().addCookie(Cookie.cookie(REFRESH_COOKIE, refresh).setPath(REFRESH_PATH)
        .setHttpOnly(true).setSameSite(CookieSameSite.STRICT).setSecure(secure)
        .setMaxAge(maxAgeSeconds));
    ctx.response().addCookie(Cookie.cookie(CSRF_COOKIE, Secrets.random(18)).setPath("/")
        .setSameSite(CookieSameSite.STRICT).setSecure(secure).setMaxAge(maxAgeSeconds));
    return tokens;
  }

  /** Ends the browser's copy of the session. */
  public static void clear(RoutingContext ctx) {
    boolean secure = secure(ctx.request());
    ctx.response().addCookie(Cookie.cookie(REFRESH_COOKIE, "").setPath(REFRESH_PATH)
        .setHttpOnly(true).setSameSite(CookieSameSite.STRICT).setSecure(secure).setMaxAge(0));
    ctx.response().addCookie(Cookie.cookie(CSRF_COOKIE, "").setPath("/")
        .setSameSite(CookieSameSite.STRICT).setSecure(secure).setMaxAge(0));
  }

  /** Behind a proxy that ends TLS, the proxy says so. */
  private static boolean secure(HttpServerRequest request) {
    return request.isSSL() || "https".equalsIgnoreCase(request.getHeader("X-Forwarded-Proto"));
  }
}
