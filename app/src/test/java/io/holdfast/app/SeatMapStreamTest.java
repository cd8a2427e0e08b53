package io.holdfast.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.testkit.EventBody;
import io.holdfast.testkit.EventLoad;
import io.holdfast.testkit.http.ProblemAssert;
import io.holdfast.support.config.Settings;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("The live seat map")
class SeatMapStreamTest {
  private Api api;
  private HttpClient client;

  @BeforeEach
  void connect(Vertx vertx) {
    api = new Api(vertx, TestPlatform.get());
    client = vertx.createHttpClient();
  }

  @AfterEach
  void disconnect() {
    Api.await(client.close());
    api.close();
  }

  /** Events received on one stream, as {@code [name, data]}. */
  private List<JsonObject> watch(String eventId) {
    List<JsonObject> events = new CopyOnWriteArrayList<>();
    StringBuilder pending = new StringBuilder();
    JsonObject c = api.platform.config();
    // The handler is set in the response's own callback, before any of its data can arrive.
    HttpClientResponse response = Api.await(client.request(new RequestOptions()
            .setHost(Settings.HTTP_HOST.string(c)).setPort(Settings.HTTP_PORT.integer(c))
            .setMethod(HttpMethod.GET).setURI("/v1/events/" + eventId + "/stream"))
        .compose(req -> req.send().map(r -> {
          r.handler(chunk -> parse(pending, chunk, events));
          return r;
        })));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.getHeader("Content-Type")).isEqualTo("text/event-stream");
    return events;
  }

  private static void parse(StringBuilder pending, Buffer chunk, List<JsonObject> events) {
    synchronized (pending) {
      pending.append(chunk.toString());
      int end;
      while ((end = pending.indexOf("\n\n")) >= 0) {
        String block = pending.substring(0, end);
        pending.delete(0, end + 2);
        String name = null;
        String data = null;
        for (String line : block.split("\n")) {
          if (line.startsWith("event: ")) {
            name = line.substring(7);
          } else if (line.startsWith("data: ")) {
            data = line.substring(6);
          }
        }
        if (name != null && data != null) {
          events.add(new JsonObject().put("event", name).put("data", new JsonObject(data)));
        }
      }
    }
  }

  @Test
  @DisplayName("viewers get the whole map, then each hold, release and sale as changed seats")
  void streamsChanges() {
    String organizer = api.organizer();
    JsonObject body = EventBody.named("Stream " + UUID.randomUUID())
        .startsIn(Duration.ofDays(3), Duration.ofHours(2)).maxPerBuyer(4)
        .reserved("A", 3000, EventLoad.row("1", 4)).json();
    String eventId = api.call(HttpMethod.POST, "/v1/events", organizer, body)
        .bodyAsJsonObject().getString("id");
    assertThat(api.call(HttpMethod.POST, "/v1/events/" + eventId + "/publish", organizer, null)
        .statusCode()).isEqualTo(200);

    List<JsonObject> first = watch(eventId);
    List<JsonObject> second = watch(eventId);
    assertThat(Api.eventually(Duration.ofSeconds(10), () -> !first.isEmpty()
        && !second.isEmpty())).isTrue();
    JsonObject map = first.get(0).getJsonObject("data");
    assertThat(first.get(0).getString("event")).isEqualTo("availability");
    assertThat(map.getJsonArray("sections").getJsonObject(0).getJsonArray("rows")
        .getJsonObject(0).getString("seats")).isEqualTo("ffff");

    String buyer = api.buyers(1).get(0);
    HttpResponse<Buffer> hold = Api.await(api.hold(buyer, eventId, new JsonObject()
        .put("seats", new JsonArray().add("A-1-2").add("A-1-3")), "stream-hold"));
    assertThat(hold.statusCode()).as(hold.bodyAsString()).isEqualTo(201);
    for (List<JsonObject> viewer : List.of(first, second)) {
      assertThat(Api.eventually(Duration.ofSeconds(10), () -> viewer.stream().anyMatch(e ->
          "changes".equals(e.getString("event")) && "h".equals(seat(e, "A-1-2"))
              && "h".equals(seat(e, "A-1-3"))))).as(viewer.toString()).isTrue();
    }
    String holdId = hold.bodyAsJsonObject().getString("holdId");
    assertThat(api.call(HttpMethod.DELETE, "/v1/holds/" + holdId, buyer, null).statusCode())
        .isEqualTo(204);
    assertThat(Api.eventually(Duration.ofSeconds(10), () -> first.stream().anyMatch(e ->
        "f".equals(seat(e, "A-1-2")) && "changes".equals(e.getString("event"))))).isTrue();

    HttpResponse<Buffer> unknown = api.call(HttpMethod.GET, "/v1/events/"
        + UUID.randomUUID() + "/stream", null, null);
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.getHeader("Content-Type")).isEqualTo("application/problem+json");
  }

  @Test
  @DisplayName("a stream of an event that does not exist, a draft or a cancelled event is a 404 problem")
  void onlyPublicEventsStream() {
    for (int i = 0; i < 200; i++) {
      ProblemAssert.assertProblem(api.call(HttpMethod.GET, "/v1/events/" + UUID.randomUUID()
          + "/stream", null, null), 404, "not-found");
    }
    String organizer = api.organizer();
    Organizing org = new Organizing(api);
    String draft = org.draft(organizer, Organizing.body("Unpublished stream", 10))
        .getString("id");
    ProblemAssert.assertProblem(api.call(HttpMethod.GET, "/v1/events/" + draft + "/stream",
        null, null), 404, "not-found");
    String cancelled = org.onSale(organizer, Organizing.body("Cancelled stream", 10));
    assertThat(api.call(HttpMethod.POST, "/v1/events/" + cancelled + "/cancel", organizer, null)
        .statusCode()).isEqualTo(200);
    ProblemAssert.assertProblem(api.call(HttpMethod.GET, "/v1/events/" + cancelled + "/stream",
        null, null), 404, "not-found");
  }

  private static String seat(JsonObject event, String seatId) {
    for (Object s : event.getJsonObject("data").getJsonArray("sections")) {
      JsonObject seats = ((JsonObject) s).getJsonObject("seats");
      if (seats != null && seats.containsKey(seatId)) {
        return seats.getString(seatId);
      }
    }
    return null;
  }
}
