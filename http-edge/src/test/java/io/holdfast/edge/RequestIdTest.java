package io.holdfast.edge;

import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.edge.http.RequestIds;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The edge's router answers every request with an {@code X-Request-Id}: the caller's when it is
 * well-formed, a new one otherwise. (The app's tests follow one through a hold.)
 */
@ExtendWith(VertxExtension.class)
@DisplayName("The X-Request-Id of every answer")
class RequestIdTest {
  private static final String HEX_128 = "[0-9a-f]{32}";
  private HttpServer server;
  private WebClient client;

  @BeforeEach
  void serve(Vertx vertx) throws Exception {
    server = vertx.createHttpServer().requestHandler(OpenApiContractTest.router(vertx))
        .listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
    client = WebClient.create(vertx);
  }

  @AfterEach
  void close() throws Exception {
    client.close();
    server.close().await(10, TimeUnit.SECONDS);
  }

  private HttpResponse<Buffer> get(String path, String requestId) throws Exception {
    HttpRequest<Buffer> request = client.get(server.actualPort(), "127.0.0.1", path);
    if (requestId != null) {
      request.putHeader(RequestIds.HEADER, requestId);
    }
    return request.send().await(10, TimeUnit.SECONDS);
  }

  @Test
  @DisplayName("a well-formed ID the caller sends is the answer's, on a success and on a problem")
  void keepsTheCallers() throws Exception {
    HttpResponse<Buffer> ok = get("/v1/openapi.json", "test-contract-1");
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.getHeader(RequestIds.HEADER)).isEqualTo("test-contract-1");
    // A body past the limit is refused before any route reads it (nor any store, which this
    // router has none of): a problem answered by the router's error handler.
    String traceLike = "1-67891233-abcdef012345678912345678:a/b+c=";
    HttpResponse<Buffer> tooLarge = client.post(server.actualPort(), "127.0.0.1",
            "/v1/events/" + UUID.randomUUID() + "/holds")
        .putHeader(RequestIds.HEADER, traceLike).putHeader("Content-Type", "application/json")
        .sendBuffer(Buffer.buffer("x".repeat(1 << 20))).await(10, TimeUnit.SECONDS);
    assertThat(tooLarge.statusCode()).isEqualTo(413);
    assertThat(tooLarge.getHeader("Content-Type")).isEqualTo("application/problem+json");
    assertThat(tooLarge.getHeader(RequestIds.HEADER)).isEqualTo(traceLike);
  }

  @Test
  @DisplayName("without an ID, or with one too long or with characters a log line or a header "
      + "list must not hold, the answer carries a new random one")
  void replacesTheRest() throws Exception {
    Set<String> made = new HashSet<>();
    for (String sent : new String[] {null, "", "x".repeat(RequestIds.MAX_LENGTH + 1),
        "two words", "tab\there", "caf\u00e9", "a,b", "{\"json\":1}"}) {
      HttpResponse<Buffer> answer = get("/v1/openapi.json", sent);
      String id = answer.getHeader(RequestIds.HEADER);
      assertThat(id).as("the ID answered for %s", sent).matches(HEX_128);
      made.add(id);
    }
    assertThat(made).as("every new ID differs").hasSize(8);
    assertThat(get("/v1/openapi.json", "x".repeat(RequestIds.MAX_LENGTH))
        .getHeader(RequestIds.HEADER)).isEqualTo("x".repeat(RequestIds.MAX_LENGTH));
  }
}
