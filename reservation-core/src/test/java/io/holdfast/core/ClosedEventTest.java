package io.holdfast.core;

import static io.holdfast.testkit.Await.problem;
import static io.holdfast.testkit.EventLoad.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.contracts.core.LoadEvent;
import io.holdfast.contracts.hold.CoreClient;
import io.holdfast.contracts.hold.HoldRequest;
import io.holdfast.contracts.problem.Problem;
import io.holdfast.testkit.Bus;
import io.holdfast.testkit.EventLoad;
import io.holdfast.testkit.grid.GridPerTest;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Defence in depth behind the edge's row lock: once the core was told an event is cancelled,
 * no later load of it (a stale copy, a re-publish) opens its sales again.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("A cancelled event in the core")
class ClosedEventTest {
  @RegisterExtension
  final GridPerTest grid = Cores.memberPerTest("closed", 5975);
  private CoreClient client;
  private Vertx vertx;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    this.vertx = vertx;
    Cores.deploy(vertx, grid.member(), 1);
    client = new CoreClient(vertx, 30_000);
  }

  private static JsonObject event(String id, String status, Instant salesEnd) {
    Instant now = Instant.now();
    return EventLoad.onSale(id, now).sales(now.minusSeconds(60), salesEnd)
        .general("G", 1000, 20, 1).json().put("status", status);
  }

  private Future<JsonObject> load(JsonObject event) {
    return Bus.send(vertx, LoadEvent.fromJson(event));
  }

  private Future<?> hold(String eventId) {
    return client.hold(new HoldRequest(eventId, UUID.randomUUID().toString(), "G", 1));
  }

  @Test
  @DisplayName("a load that would reopen a cancelled event is refused with 409, and nothing sells")
  void neverReopens() throws Exception {
    String id = UUID.randomUUID().toString();
    Instant later = Instant.now().plusSeconds(3600);
    load(event(id, "on_sale", later)).await(60, TimeUnit.SECONDS);
    hold(id).await(60, TimeUnit.SECONDS);

    load(event(id, "cancelled", Instant.now())).await(60, TimeUnit.SECONDS);
    assertThat(problem(hold(id)).slug()).isEqualTo("sales-closed");

    Problem refused = problem(load(event(id, "on_sale", later)));
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.slug()).isEqualTo("invalid-state");
    assertThat(problem(hold(id)).slug()).isEqualTo("sales-closed");
    // Loading it closed again (a cancel repeated) is fine, and changes nothing.
    load(event(id, "cancelled", Instant.now())).await(60, TimeUnit.SECONDS);
    assertThat(problem(hold(id)).slug()).isEqualTo("sales-closed");
  }
}
