package io.holdfast.edge;

import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.edge.abuse.Limits;
import io.holdfast.edge.auth.Authenticator;
import io.holdfast.edge.idempotency.Idempotent;
import io.holdfast.edge.routes.Edge;
import io.holdfast.support.metrics.Meters;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The router tries every route a request passes, its path before its method: a hold, almost
 * all of a drop's requests, must meet only the handlers every request runs before its own route.
 */
@DisplayName("The hot routes come first in the edge's router")
class HotRouteOrderTest {
  private static Vertx vertx;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /** The real router, mounted with an edge whose clients are never used. */
  private static List<Route> routes() {
    Limits limits = new Limits(null, new JsonObject(), Meters.of(vertx));
    Edge edge = new Edge(vertx, new JsonObject(), new Authenticator(null), null, null,
        new Idempotent(null, limits, 15_000), limits, null, null, null, null, null, null, null,
        60, null, null);
    return HttpEdgeVerticle.routes(edge, null, null, new JsonObject()).getRoutes();
  }

  @Test
  @DisplayName("a hold and a checkout are preceded only by routes of every path and method")
  void hotRoutesFirst() {
    List<Route> routes = routes();
    int holds = index(routes, "/v1/events/:eventId/holds");
    int checkout = index(routes, "/v1/holds/:holdId/checkout");
    assertThat(holds).as("the hold route").isNotNegative();
    assertThat(checkout).as("the checkout route").isEqualTo(holds + 1);
    for (Route before : routes.subList(0, holds)) {
      assertThat(before.getPath()).as("a route ahead of the hold route").isNull();
      assertThat(before.isRegexPath()).as("a route ahead of the hold route").isFalse();
      assertThat(before.methods()).as("a route ahead of the hold route").isNullOrEmpty();
    }
  }

  private static int index(List<Route> routes, String path) {
    for (int i = 0; i < routes.size(); i++) {
      Route route = routes.get(i);
      if (path.equals(route.getPath()) && route.methods() != null
          && route.methods().contains(HttpMethod.POST)) {
        return i;
      }
    }
    return -1;
  }
}
