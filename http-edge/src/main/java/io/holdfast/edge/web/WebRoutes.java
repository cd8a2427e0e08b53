package io.holdfast.edge.web;

import io.holdfast.edge.web.WebFiles.WebFile;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Serves the web app from the API's origin: hashed files under {@code /assets/} cached for a
 * year, and {@code index.html} for every other page path (the app routes in the browser),
 * never cached. Mounted ahead of the request budgets: a page load costs no Redis round trip.
 * Paths of the API and the probes pass on untouched.
 */
public final class WebRoutes {
  private static final CharSequence CACHE_CONTROL = HttpHeaders.CACHE_CONTROL;
  private static final CharSequence IMMUTABLE =
      HttpHeaders.createOptimized("public, max-age=31536000, immutable");
  private static final CharSequence NO_CACHE = HttpHeaders.createOptimized("no-cache");
  private static final CharSequence AN_HOUR = HttpHeaders.createOptimized("public, max-age=3600");
  private static final CharSequence GZIP = HttpHeaders.createOptimized("gzip");
  private static final CharSequence ACCEPT_ENCODING = HttpHeaders.createOptimized(
      "Accept-Encoding");

  private static final String ASSETS = "/assets/";
  private static final String INDEX = "/index.html";

  private final WebFiles files;
  private final CharSequence pagePolicy;

  /** {@code stripe}: whether checkout loads Stripe's Payment Element (its hosts are allowed). */
  public WebRoutes(WebFiles files, boolean stripe) {
    this.files = files;
    this.pagePolicy = HttpHeaders.createOptimized(ContentPolicy.forPages(stripe));
  }

  /**
   * The front page and the hashed files on routes of their own (the OpenAPI document names
   * them); any other page path through one handler that lets every API path pass at once.
   */
  public void mount(Router router) {
    router.get("/").handler(ctx -> page(ctx));
    router.get(ASSETS + ":file").handler(this::asset);
    router.route().handler(this::otherPage);
  }

  private void asset(RoutingContext ctx) {
    WebFile file = files.get(ctx.request().path());
    if (file == null) {
      ctx.next(); // a name no build made: the 404 problem
    } else {
      send(ctx, file, IMMUTABLE);
    }
  }

  /** A page path the app routes in the browser, or a file at the root (the icon). */
  private void otherPage(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    HttpMethod method = request.method();
    String path = request.path();
    if ((method != HttpMethod.GET && method != HttpMethod.HEAD) || apiPath(path)) {
      ctx.next();
      return;
    }
    WebFile file = files.get(path);
    if (path.startsWith(ASSETS)) {
      if (file == null || method == HttpMethod.GET) {
        ctx.next(); // a GET of a file that exists was served by its route
      } else {
        send(ctx, file, IMMUTABLE);
      }
    } else if (path.equals(INDEX)) {
      page(ctx);
    } else if (file != null) {
      send(ctx, file, AN_HOUR);
    } else if (lastSegmentHasDot(path)) {
      ctx.next(); // a missing file: the 404 problem
    } else {
      page(ctx);
    }
  }

  private void page(RoutingContext ctx) {
    WebFile index = files.get(INDEX);
    if (index == null) {
      ctx.next(); // the web app was not built into this jar
    } else {
      send(ctx, index, NO_CACHE);
    }
  }

  /** The API's and the operator's paths; everything else is a page or a file of the app. */
  static boolean apiPath(String path) {
    return path.startsWith("/v1/") || path.equals("/v1") || path.startsWith("/health")
        || path.equals("/metrics") || path.startsWith("/.well-known/");
  }

  private static boolean lastSegmentHasDot(String path) {
    return path.lastIndexOf('.') > path.lastIndexOf('/');
  }

  private void send(RoutingContext ctx, WebFile file, CharSequence cacheControl) {
    HttpServerResponse response = ctx.response();
    response.putHeader(CACHE_CONTROL, cacheControl)
        .putHeader(HttpHeaders.CONTENT_TYPE, file.type())
        .putHeader(HttpHeaders.ETAG, file.etag());
    if (file.type().startsWith("text/html")) {
      response.putHeader("Content-Security-Policy", pagePolicy);
    }
    if (file.gzipped() != null) {
      response.putHeader(HttpHeaders.VARY, ACCEPT_ENCODING);
    }
    String match = ctx.request().getHeader(HttpHeaders.IF_NONE_MATCH);
    if (file.etag().equals(match)) {
      response.setStatusCode(304).end();
      return;
    }
    String accepted = ctx.request().getHeader(HttpHeaders.ACCEPT_ENCODING);
    boolean gzip = file.gzipped() != null && accepted != null && accepted.contains("gzip");
    if (gzip) {
      response.putHeader(HttpHeaders.CONTENT_ENCODING, GZIP);
    }
    if (ctx.request().method() == HttpMethod.HEAD) {
      response.putHeader(HttpHeaders.CONTENT_LENGTH,
          String.valueOf((gzip ? file.gzipped() : file.bytes()).length())).end();
    } else {
      response.end(gzip ? file.gzipped() : file.bytes());
    }
  }
}
