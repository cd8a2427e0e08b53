package io.holdfast.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.documents.RenderPool;
import io.holdfast.edge.abuse.Limits;
import io.holdfast.testkit.http.HttpCalls;
import io.holdfast.testkit.http.ProblemAssert;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Rendering under a flood")
class RenderBusyTest extends DoorTestBase {
  @Test
  @DisplayName("past its bound of waiting renders an edge answers 503 busy with Retry-After at once, renders the rest, and goes on serving")
  void floodIsRefusedNotQueued(Vertx vertx) {
    String eventId = org.onSale(organizer, Organizing.body("Flooded night", 20));
    String buyer = api.buyers(1).get(0);
    String orderId = org.buy(buyer, eventId, 8);
    // Budgets off: the flood is one buyer's, and it is the render bound that is tested.
    TestPlatform.TestEdge edge = TestPlatform.edge(new JsonObject()
        .put(RenderPool.MAX_WAITING.key(), 1).put(Limits.ENABLED.key(), "false"));
    HttpCalls calls = new HttpCalls(vertx, "127.0.0.1", edge.port());
    try {
      List<Future<HttpResponse<Buffer>>> flood = new ArrayList<>();
      for (int i = 0; i < 24; i++) {
        flood.add(calls.request(HttpMethod.GET, "/v1/orders/" + orderId + "/pdf", buyer).send());
      }
      int rendered = 0;
      int busy = 0;
      for (Future<HttpResponse<Buffer>> f : flood) {
        HttpResponse<Buffer> r = Api.await(f);
        if (r.statusCode() == 200) {
          assertThat(r.getHeader("Content-Type")).isEqualTo("application/pdf");
          rendered++;
        } else {
          ProblemAssert.assertProblem(r, 503, "busy");
          assertThat(r.getHeader("Retry-After")).isEqualTo("1");
          busy++;
        }
      }
      assertThat(rendered).isPositive();
      assertThat(busy).isPositive();
      HttpResponse<Buffer> after = calls.call(HttpMethod.GET, "/v1/orders/" + orderId + "/pdf",
          buyer, null);
      assertThat(after.statusCode()).as(after.bodyAsString()).isEqualTo(200);
    } finally {
      calls.close();
      edge.close();
    }
  }
}
