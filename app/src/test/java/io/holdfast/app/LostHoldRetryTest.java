package io.holdfast.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.edge.HttpEdgeVerticle;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A hold granted, then lost with the whole grid (a cold restart rebuilds only what PostgreSQL
 * sold): the buyer's retry with the same Idempotency-Key must not be told "in progress" for a
 * day. Found by the model-based test.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("A hold lost with the grid")
class LostHoldRetryTest {
  private static final int DEADLINE_MILLIS = 3_000;

  @Test
  @DisplayName("is taken again under its own ID when its request is repeated after the request "
      + "deadline, and is never taken twice")
  void retriedAfterTheDeadline(Vertx vertx) {
    Api api = new Api(vertx, TestPlatform.get());
    TestPlatform.TestEdge edge = TestPlatform.edge(new JsonObject()
        .put(HttpEdgeVerticle.REQUEST_TIMEOUT_MILLIS.key(), DEADLINE_MILLIS));
    WebClient client = WebClient.create(vertx, new WebClientOptions()
        .setDefaultHost("127.0.0.1").setDefaultPort(edge.port()));
    try {
      String eventId = api.onSaleEvent(api.organizer(), 10, 300, 4);
      String buyer = api.buyers(1).get(0);
      JsonObject body = new JsonObject().put("section", "GA").put("quantity", 2);
      long granted = System.currentTimeMillis();
      HttpResponse<Buffer> first = hold(client, buyer, eventId, body);
      assertThat(first.statusCode()).as(first.bodyAsString()).isEqualTo(201);
      String holdId = first.bodyAsJsonObject().getString("holdId");

      ModelChecks.coldRestart(api);
      assertThat(api.availability(eventId).getInteger("held")).isZero();
      if (System.currentTimeMillis() - granted < DEADLINE_MILLIS - 500) {
        // The first request could still be running: the edge cannot tell yet.
        assertThat(hold(client, buyer, eventId, body).statusCode()).isEqualTo(409);
      }
      ModelRun.sleep(granted + DEADLINE_MILLIS + 200 - System.currentTimeMillis());

      for (int i = 0; i < 3; i++) {
        HttpResponse<Buffer> again = hold(client, buyer, eventId, body);
        assertThat(again.statusCode()).as(again.bodyAsString()).isEqualTo(201);
        assertThat(again.bodyAsJsonObject().getString("holdId")).isEqualTo(holdId);
      }
      assertThat(api.availability(eventId).getInteger("held")).isEqualTo(2);
    } finally {
      client.close();
      edge.close();
      api.close();
    }
  }

  private static HttpResponse<Buffer> hold(WebClient client, String buyer, String eventId,
      JsonObject body) {
    return Api.await(client.post("/v1/events/" + eventId + "/holds")
        .bearerTokenAuthentication(buyer).putHeader("Idempotency-Key", "lost-hold-" + eventId)
        .sendBuffer(body.toBuffer()));
  }
}
