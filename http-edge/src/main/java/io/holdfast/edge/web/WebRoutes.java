package io.holdfast.edge.web;

import io.holdfast.edge.web.WebFiles.WebFile;
import io.holdfast.edge.http.RequestIds;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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

  private final Map<String, Answer> answers;

  /**
   * One file's answer, its headers built and encoded once: the full set of a 200, and the few a
   * 304 must carry (RFC 9110: Cache-Control, ETag, Vary; a browser keeps the rest, the page's
   * Content-Security-Policy among them, from the answer it stored).
   */
  private record Answer(WebFile file, CharSequence[] headers, CharSequence[] notModified) {}

  /**
   * {@code stripe}: whether checkout loads Stripe's Payment Element (its hosts are allowed);
   * {@code securityHeaders}: names and values the edge sends with every answer, in pairs (its
   * Cache-Control and Content-Security-Policy give way to the app's own).
   */
  public WebRoutes(WebFiles files, boolean stripe, CharSequence[] securityHeaders) {
    CharSequence pagePolicy = HttpHeaders.createOptimized(ContentPolicy.forPages(stripe));
    Map<String, Answer> built = new HashMap<>();
    files.all().forEach((path, file) -> built.put(path, answer(file,
        path.startsWith(ASSETS) ? IMMUTABLE : path.equals(INDEX) ? NO_CACHE : AN_HOUR,
        pagePolicy, securityHeaders)));
    this.answers = Map.copyOf(built);
  }

  private static Answer answer(WebFile file, CharSequence cacheControl, CharSequence pagePolicy,
      CharSequence[] securityHeaders) {
    List<CharSequence> headers = new ArrayList<>();
    for (int i = 0; i < securityHeaders.length; i += 2) {
      String name = securityHeaders[i].toString();
      if (!name.equalsIgnoreCase(HttpHeaders.CACHE_CONTROL.toString())
          && !name.equalsIgnoreCase(CSP.toString())) {
        headers.add(securityHeaders[i]);
        headers.add(securityHeaders[i + 1]);
      }
    }
    List<CharSequence> notModified = new ArrayList<>(List.of(HttpHeaders.CACHE_CONTROL,
        cacheControl, HttpHeaders.ETAG, HttpHeaders.createOptimized(file.etag())));
    if (file.gzipped() != null) {
      notModified.add(HttpHeaders.VARY);
      notModified.add(ACCEPT_ENCODING);
    }
    headers.addAll(notModified);
    headers.add(HttpHeaders.CONTENT_TYPE);
    headers.add(HttpHeaders.createOptimized(file.type()));
    if (file.html()) {
      headers.add(CSP);
      headers.add(pagePolicy);
    }
    return new Answer(file, headers.toArray(CharSequence[]::new),
        notModified.toArray(CharSequence[]::new));
  }

  /** The server's request handler: the app's files and pages here, anything else to {@code next}. */
  public Handler<HttpServerRequest> front(Handler<HttpServerRequest> next) {
    return request -> {
      // Every answer carries the request's ID, a page's too; the router keeps the one set here.
      RequestIds.answer(request);
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
    Answer file = answers.get(path);
    if (path.startsWith(ASSETS)) {
      return file != null && send(request, file);
    }
    if (file != null) {
      return send(request, file); // a file at the root (the icon), or the page itself
    }
    if (lastSegmentHasDot(path)) {
      return false; // a missing file: the 404 problem
    }
    Answer index = answers.get(INDEX);
    return index != null && send(request, index);
  }

  /** The API's and the operator's paths; everything else is a page or a file of the app. */
  static boolean apiPath(String path) {
    return path.startsWith("/v1/") || path.equals("/v1") || path.startsWith("/health")
        || path.equals("/metrics") || path.startsWith("/.well-known/");
  }

  private static boolean lastSegmentHasDot(String path) {
    return path.lastIndexOf('.') > path.lastIndexOf('/');
  }

  private static boolean send(HttpServerRequest request, Answer answer) {
    WebFile file = answer.file();
    HttpServerResponse response = request.response();
    if (file.etag().equals(request.getHeader(HttpHeaders.IF_NONE_MATCH))) {
      add(response, answer.notModified());
      response.setStatusCode(304).end();
      return true;
    }
    add(response, answer.headers());
    String accepted = request.getHeader(HttpHeaders.ACCEPT_ENCODING);
    boolean gzip = file.gzipped() != null && accepted != null && accepted.contains("gzip");
    if (gzip) {
      response.headers().add(HttpHeaders.CONTENT_ENCODING, GZIP);
    }
    if (request.method() == HttpMethod.HEAD) {
      response.putHeader(HttpHeaders.CONTENT_LENGTH,
          String.valueOf((gzip ? file.gzipped() : file.bytes()).length())).end();
    } else {
      response.end(gzip ? file.gzipped() : file.bytes());
    }
    return true;
  }

  private static void add(HttpServerResponse response, CharSequence[] headers) {
    MultiMap map = response.headers();
    for (int i = 0; i < headers.length; i += 2) {
      map.add(headers[i], headers[i + 1]);
    }
  }
}
