package io.holdfast.edge.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("Request deadlines")
class DeadlinesTest {
  @Test
  @DisplayName("a request never answered gets a 503 timeout problem; quick ones and streams are "
      + "left alone")
  void overdueRequestsAreAnswered(Vertx vertx) throws Exception {
    Router router = Router.router(vertx);
    router.route().handler(new Deadlines(vertx, 300));
    router.get("/quick").handler(ctx -> ctx.response().end("ok"));
    router.get("/stuck").handler(ctx -> { });
    router.get("/events/x/stream").handler(ctx -> vertx.setTimer(800,
        id -> ctx.response().end("still open")));
    HttpServer server = vertx.createHttpServer().requestHandler(router)
        .listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
    WebClient client = WebClient.create(vertx);
    int port = server.actualPort();
    HttpResponse<Buffer> stuck = client.get(port, "127.0.0.1", "/stuck").send()
        .await(10, TimeUnit.SECONDS);
    assertThat(stuck.statusCode()).isEqualTo(503);
    assertThat(stuck.getHeader("Content-Type")).isEqualTo("application/problem+json");
    assertThat(stuck.getHeader("Retry-After")).isEqualTo("1");
    assertThat(stuck.bodyAsJsonObject().getString("type")).endsWith("/timeout");
    for (int i = 0; i < 20; i++) {
      assertThat(client.get(port, "127.0.0.1", "/quick").send().await(10, TimeUnit.SECONDS)
          .bodyAsString()).isEqualTo("ok");
    }
    assertThat(client.get(port, "127.0.0.1", "/events/x/stream").send()
        .await(10, TimeUnit.SECONDS).bodyAsString()).isEqualTo("still open");
  }
}
