package io.holdfast.load;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.listFeeder;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.FeederBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import java.util.List;
import java.util.Map;

/**
 * The hot path alone: as many hold requests per second as the deployment sustains, each from a
 * different buyer who already has an access token (taken at registration, before the run), so
 * the server verifies every token for the first time during the measurement, as in the first
 * seconds of a drop. 201 and 409 {@code sold-out} are both expected; nothing is paid, holds lapse
 * after {@code holdSeconds}.
 *
 * <p>Properties (besides those of {@link LoadParams}): {@code rate} holds/s at full rate (2000),
 * {@code buyers} accounts (default: one per virtual user, about rate x (duration + ramp/2); fewer
 * reuses tokens round-robin), {@code quantity} per hold (1), {@code capacity} of the created event
 * (20000), {@code p99Limit} ms for the 99th percentile response time (250, lenient on purpose:
 * tighten it for a real target). Registration runs the server's password hash once per buyer:
 * at 210,000 PBKDF2 iterations, tens of thousands of buyers take a while to prepare.
 */
public class HoldStormSimulation extends Simulation {
  private final LoadParams p = new LoadParams();
  private final double rate = LoadParams.integer("rate", 2000);
  private final int buyers = LoadParams.integer("buyers", p.users(rate));
  private final int quantity = LoadParams.integer("quantity", 1);
  private final int capacity = LoadParams.integer("capacity", 20_000);
  private final int p99Limit = LoadParams.integer("p99Limit", 250);
  private final String eventId;
  private final FeederBuilder<Object> tokens;

  public HoldStormSimulation() throws Exception {
    int users = p.users(rate);
    eventId = p.eventOrCreate(capacity, LoadParams.maxPerBuyer(users, buyers, quantity), 300);
    List<Map<String, Object>> rows = p.fixture.registerBuyers(buyers, 32).stream()
        .map(b -> Map.<String, Object>of("token", b.token()))
        .toList();
    System.out.println("Registered " + rows.size() + " buyers for about " + users + " users");
    // One fresh token per virtual user (queue); circular only when told to use fewer buyers.
    tokens = rows.size() >= users ? listFeeder(rows).queue() : listFeeder(rows).circular();

    ScenarioBuilder storm = scenario("Hold storm")
        .feed(tokens)
        .exec(http("hold").post("/v1/events/" + eventId + "/holds")
            .header("Authorization", "Bearer #{token}")
            .header("Idempotency-Key", "#{randomUuid()}")
            .body(StringBody("{\"section\":\"GA\",\"quantity\":" + quantity + "}"))
            .check(status().in(201, 409))
            // A 409 is fine only when the section is sold out.
            .checkIf((response, session) -> response.status().code() == 409)
            .then(jsonPath("$.type").transform(t -> t.endsWith("/sold-out")).is(true)));

    setUp(storm.injectOpen(p.drop(rate)))
        .protocols(p.protocol())
        .assertions(
            global().failedRequests().count().is(0L),
            global().responseTime().percentile(99.0).lt(p99Limit));
  }
}
