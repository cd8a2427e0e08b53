package io.holdfast.load;

import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;

/**
 * Anonymous visitors before and during a drop: each one lists the public events, opens the
 * event page and reads its availability, the three reads a buyer's browser makes (and reloads)
 * while waiting for the sale. No account, no token.
 *
 * <p>Properties (besides those of {@link LoadParams}): {@code rate} visitors/s at full rate
 * (500; each makes three requests), {@code capacity} of the created event (1000).
 */
public class BrowseSimulation extends Simulation {
  private final LoadParams p = new LoadParams();
  private final double rate = LoadParams.integer("rate", 500);
  private final int capacity = LoadParams.integer("capacity", 1000);
  private final String eventId;

  public BrowseSimulation() throws Exception {
    eventId = p.eventOrCreate(capacity, 10, 300);
    String event = "/v1/events/" + eventId;

    ScenarioBuilder browse = scenario("Browse")
        .exec(http("list events").get("/v1/events")
            .check(status().is(200), jsonPath("$.items").exists()))
        .exec(http("event").get(event)
            .check(status().is(200), jsonPath("$.id").is(eventId)))
        .exec(http("availability").get(event + "/availability")
            .check(status().is(200)));

    setUp(browse.injectOpen(p.drop(rate)))
        .protocols(p.protocol())
        .assertions(global().failedRequests().count().is(0L));
  }
}
