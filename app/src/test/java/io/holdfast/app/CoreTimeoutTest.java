package io.holdfast.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.contracts.hold.HoldBatch;
import io.holdfast.contracts.hold.HoldRequest;
import io.holdfast.edge.HttpEdgeVerticle;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryContext;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Holds whose answer from the core comes after the edge stopped waiting, through an edge of its
 * own that waits 300 ms; the event bus is slowed (or made to lose the request) for one event.
 * Retries go through the platform's edge, which shares the idempotency keys in Redis.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("A hold whose outcome the edge does not know")
class CoreTimeoutTest {
  private static final JsonObject TWO = new JsonObject().put("section", "GA").put("quantity", 2);
  private Api api;
  private TestPlatform.TestEdge impatient;
  private WebClient client;
  private EventBus bus;
  private Handler<DeliveryContext<Object>> interceptor;

  @BeforeAll
  void start(Vertx vertx) {
    api = new Api(vertx, TestPlatform.get());
    impatient = TestPlatform.edge(new JsonObject().put(HttpEdgeVerticle.CORE_TIMEOUT_MILLIS, 300));
    client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
        .setDefaultPort(impatient.port()));
    bus = TestPlatform.get().vertx().eventBus();
  }

  @AfterEach
  void calmBus() {
    if (interceptor != null) {
      bus.removeOutboundInterceptor(interceptor);
      interceptor = null;
    }
  }

  @AfterAll
  void stop() {
    impatient.close();
    api.close();
  }

  /** Hands each batch of holds of {@code eventId} to {@code action} instead of sending it. */
  private void intercept(String eventId, Consumer<DeliveryContext<Object>> action) {
    interceptor = ctx -> {
      if (ctx.body() instanceof HoldBatch batch
          && batch.requests().stream().anyMatch(r -> r.eventId().equals(eventId))) {
        action.accept(ctx);
      } else {
        ctx.next();
      }
    };
    bus.addOutboundInterceptor(interceptor);
  }

  private HttpResponse<Buffer> holdThroughImpatientEdge(String buyer, String eventId, String key) {
    return Api.await(client.post("/v1/events/" + eventId + "/holds").bearerTokenAuthentication(buyer)
        .putHeader("Idempotency-Key", key).sendJsonObject(TWO));
  }

  @Test
  @DisplayName("placed after the edge gave up: the retry with the same key answers that hold "
      + "and takes no second one")
  void placedLate() {
    String eventId = api.onSaleEvent(api.organizer(), 10, 300, 4);
    String buyer = api.buyers(1).get(0);
    Vertx platform = TestPlatform.get().vertx();
    intercept(eventId, ctx -> platform.setTimer(1500, t -> ctx.next()));
    HttpResponse<Buffer> first = holdThroughImpatientEdge(buyer, eventId, "late");
    assertThat(first.statusCode()).as(first.bodyAsString()).isGreaterThanOrEqualTo(500);
    assertThat(Api.eventually(Duration.ofSeconds(10),
        () -> api.availability(eventId).getInteger("held") == 2))
        .as("the core placed the hold after all").isTrue();
    calmBus();

    HttpResponse<Buffer> retry = Api.await(api.hold(buyer, eventId, TWO, "late"));
    assertThat(retry.statusCode()).as(retry.bodyAsString()).isEqualTo(201);
    HttpResponse<Buffer> again = Api.await(api.hold(buyer, eventId, TWO, "late"));
    assertThat(again.bodyAsJsonObject().getString("holdId"))
        .isEqualTo(retry.bodyAsJsonObject().getString("holdId"));
    assertThat(api.availability(eventId).getInteger("held")).as("one hold").isEqualTo(2);
  }

  @Test
  @DisplayName("lost on its way to the core: the retry with the same key places the hold under "
      + "the ID chosen the first time")
  void neverArrived() {
    String eventId = api.onSaleEvent(api.organizer(), 10, 300, 4);
    String buyer = api.buyers(1).get(0);
    List<String> named = new CopyOnWriteArrayList<>();
    intercept(eventId, ctx -> ((HoldBatch) ctx.body()).requests().stream()
        .map(HoldRequest::holdId).forEach(named::add));
    HttpResponse<Buffer> first = holdThroughImpatientEdge(buyer, eventId, "lost");
    assertThat(first.statusCode()).as(first.bodyAsString()).isGreaterThanOrEqualTo(500);
    assertThat(named).hasSize(1);
    calmBus();

    HttpResponse<Buffer> retry = Api.await(api.hold(buyer, eventId, TWO, "lost"));
    assertThat(retry.statusCode()).as(retry.bodyAsString()).isEqualTo(201);
    assertThat(retry.bodyAsJsonObject().getString("holdId")).isEqualTo(named.get(0));
    assertThat(api.availability(eventId).getInteger("held")).isEqualTo(2);
  }
}
