package io.holdfast.edge.web;

import io.holdfast.edge.web.WebFiles.WebFile;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Serves the web app from the API's origin: hashed files under {@code /assets/} cached for a
 * year, and {@code index.html} for every other page path (the app routes in the browser),
 * never cached (an ETag makes a revalidation a 304). Paths of the API and the probes pass on
 * untouched.
 *
 * <p>Under a drop a page load must cost the hold path next to nothing, so the server hands
 * every request to {@link #front} first: a GET or HEAD of the app is answered there, from
 * memory, without the router (no routing context, no deadline timer, no request budget); the
 * rest goes to the router after one method comparison. The same answers are mounted on the
 * router too ({@link #mount}), where the OpenAPI contract and the tests that drive the router
 * alone find them.
 */
public final class WebRoutes {
  private static final CharSequence IMMUTABLE =
      HttpHeaders.createOptimized("public, max-age=31536000, immutable");
  private static final CharSequence NO_CACHE = HttpHeaders.createOptimized("no-cache");
  private static final CharSequence AN_HOUR = HttpHeaders.createOptimized("public, max-age=3600");
  private static final CharSequence GZIP = HttpHeaders.createOptimized("gzip");
  private static final CharSequence ACCEPT_ENCODING = HttpHeaders.createOptimized(
      "Accept-Encoding");
  private static final CharSequence CSP = HttpHeaders.createOptimized("Content-Security-Policy");

  private static final String ASSETS = "/assets/";
  private static final String INDEX = "/index.html";

  private final WebFiles files;
  private final CharSequence pagePolicy;
  private final CharSequence[] securityHeaders;

  /**
   * {@code stripe}: whether checkout loads Stripe's Payment Element (its hosts are allowed);
   * {@code securityHeaders}: names and values the edge sends with every answer, in pairs.
   */
  public WebRoutes(WebFiles files, boolean stripe, CharSequence[] securityHeaders) {
    this.files = files;
    this.pagePolicy = HttpHeaders.createOptimized(ContentPolicy.forPages(stripe));
    this.securityHeaders = securityHeaders.clone();
  }

  /** The server's request handler: the app's files and pages here, anything else to {@code next}. */
  public Handler<HttpServerRequest> front(Handler<HttpServerRequest> next) {
    return request -> {
      HttpMethod method = request.method();
      if ((method != HttpMethod.GET && method != HttpMethod.HEAD) || !serve(request)) {
        next.handle(request);
      }
    };
  }

  /** The front page and the hashed files on routes of their own; any other page after them. */
  public void mount(Router router) {
    router.get("/").handler(this::routed);
    router.get(ASSETS + ":file").handler(this::routed);
    router.route().handler(this::routed);
  }

  private void routed(RoutingContext ctx) {
    HttpMethod method = ctx.request().method();
    if ((method != HttpMethod.GET && method != HttpMethod.HEAD) || !serve(ctx.request())) {
      ctx.next();
    }
  }

  /** Answers a GET or HEAD of the app; false (nothing sent) for any other path. */
  boolean serve(HttpServerRequest request) {
    String path = request.path();
    if (apiPath(path)) {
      return false;
    }
    WebFile file = files.get(path);
    if (path.startsWith(ASSETS)) {
      return file != null && send(request, file, IMMUTABLE);
    }
    if (file != null && !path.equals(INDEX)) {
      return send(request, file, AN_HOUR); // a file at the root: the icon
    }
    if (lastSegmentHasDot(path) && !path.equals(INDEX)) {
      return false; // a missing file: the 404 problem
    }
    WebFile index = files.get(INDEX);
    return index != null && send(request, index, NO_CACHE);
  }

  /** The API's and the operator's paths; everything else is a page or a file of the app. */
  static boolean apiPath(String path) {
    return path.startsWith("/v1/") || path.equals("/v1") || path.startsWith("/health")
        || path.equals("/metrics") || path.startsWith("/.well-known/");
  }

  private static boolean lastSegmentHasDot(String path) {
    return path.lastIndexOf('.') > path.lastIndexOf('/');
  }

  private boolean send(HttpServerRequest request, WebFile file, CharSequence cacheControl) {
    HttpServerResponse response = request.response();
    for (int i = 0; i < securityHeaders.length; i += 2) {
      response.putHeader(securityHeaders[i], securityHeaders[i + 1]);
    }
    response.putHeader(HttpHeaders.CACHE_CONTROL, cacheControl)
        .putHeader(HttpHeaders.CONTENT_TYPE, file.type())
        .putHeader(HttpHeaders.ETAG, file.etag());
    if (file.html()) {
      response.putHeader(CSP, pagePolicy);
    }
    if (file.gzipped() != null) {
      response.putHeader(HttpHeaders.VARY, ACCEPT_ENCODING);
    }
    if (file.etag().equals(request.getHeader(HttpHeaders.IF_NONE_MATCH))) {
      response.setStatusCode(304).end();
      return true;
    }
    String accepted = request.getHeader(HttpHeaders.ACCEPT_ENCODING);
    boolean gzip = file.gzipped() != null && accepted != null && accepted.contains("gzip");
    if (gzip) {
      response.putHeader(HttpHeaders.CONTENT_ENCODING, GZIP);
    }
    if (request.method() == HttpMethod.HEAD) {
      response.putHeader(HttpHeaders.CONTENT_LENGTH,
          String.valueOf((gzip ? file.gzipped() : file.bytes()).length())).end();
    } else {
      response.end(gzip ? file.gzipped() : file.bytes());
    }
    return true;
  }
}
