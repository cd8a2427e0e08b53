package io.holdfast.testkit.http;

import io.holdfast.testkit.Await;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

/** A test's HTTP client of one edge: requests with or without a bearer token, waited for. */
public final class HttpCalls implements AutoCloseable {
  private final WebClient http;

  public HttpCalls(Vertx vertx, String host, int port) {
    // Wide enough for the races tests run through one client.
    this.http = WebClient.create(vertx, new WebClientOptions().setDefaultHost(host)
        .setDefaultPort(port), new PoolOptions().setHttp1MaxSize(128));
  }

  public WebClient client() {
    return http;
  }

  public HttpRequest<Buffer> request(HttpMethod method, String path, String token) {
    HttpRequest<Buffer> request = http.request(method, path);
    if (token != null) {
      request.bearerTokenAuthentication(token);
    }
    return request;
  }

  /** The answer to a call with {@code body} (a JsonObject, any other text, or null for none). */
  public HttpResponse<Buffer> call(HttpMethod method, String path, String token, Object body) {
    HttpRequest<Buffer> request = request(method, path, token);
    if (body == null) {
      return Await.get(request.send());
    }
    return Await.get(request.sendBuffer(body instanceof JsonObject json ? json.toBuffer()
        : Buffer.buffer(body.toString())));
  }

  @Override
  public void close() {
    http.close();
  }
}
