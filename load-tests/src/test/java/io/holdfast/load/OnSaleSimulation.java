package io.holdfast.load;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.exec;
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
 * An on-sale drop, end to end: buyers arrive at an open rate, log in with their existing
 * accounts, hold {@code quantity} general-admission tickets, check out and pay with the simulated
 * provider. Once the section is sold out, buyers get 409 {@code sold-out} and leave: that is an
 * expected answer, not a failure. Any other unexpected status fails the run.
 *
 * <p>Properties (besides those of {@link LoadParams}): {@code rate} buyers/s at full rate (100),
 * {@code buyers} accounts registered before the drop and fed round-robin (1000), {@code quantity}
 * per hold (2), {@code capacity} of the created event (2000), {@code holdSeconds} of the created
 * event (300), {@code maxPerBuyer} of the created
 * event (default: just enough that buyers who come back through the round-robin never reach it).
 * With an existing {@code eventId}, its section "GA" must be on sale and its maxPerBuyer high
 * enough for that. Each login runs the server's password hash (Argon2id): on a deployment with
 * the default cost, logins, not holds, bound the rate. {@code trace} names a file that gets
 * every answer of the run ({@link Trace}); {@code allowErrors} (false) true lets the run pass
 * whatever it was answered, for a chaos run whose checks come afterwards.
 */
public class OnSaleSimulation extends Simulation {
  private final LoadParams p = new LoadParams();
  private final double rate = LoadParams.integer("rate", 100);
  private final int buyers = LoadParams.integer("buyers", 1000);
  private final int quantity = LoadParams.integer("quantity", 2);
  private final int capacity = LoadParams.integer("capacity", 2000);
  private final String eventId;
  private final FeederBuilder<Object> accounts;
  private final Trace trace = Trace.fromProperty();

  public OnSaleSimulation() throws Exception {
    int maxPerBuyer = LoadParams.integer("maxPerBuyer",
        LoadParams.maxPerBuyer(p.users(rate), buyers, quantity));
    eventId = p.eventOrCreate(capacity, maxPerBuyer, LoadParams.integer("holdSeconds", 300));
    List<Map<String, Object>> rows = p.fixture.registerBuyers(buyers, 32).stream()
        .map(b -> Map.<String, Object>of("email", b.email(), "password", b.password()))
        .toList();
    System.out.println("Registered " + rows.size() + " buyers");
    // More virtual users than accounts: a buyer comes back (circular), as real buyers retry.
    accounts = listFeeder(rows).circular();

    ScenarioBuilder drop = scenario("On-sale drop")
        .feed(accounts)
        .exec(http("login").post("/v1/auth/login")
            .body(StringBody("{\"email\":#{email.jsonStringify()},"
                + "\"password\":#{password.jsonStringify()}}"))
            .check(status().saveAs("loginStatus"), status().is(200),
                jsonPath("$.accessToken").saveAs("token")))
        .exec(session -> trace == null ? session : trace.record("login", session))
        .exitHereIfFailed()
        .exec(http("hold").post("/v1/events/" + eventId + "/holds")
            .header("Authorization", "Bearer #{token}")
            .header("Idempotency-Key", "#{randomUuid()}")
            .body(StringBody("{\"section\":\"GA\",\"quantity\":" + quantity + "}"))
            .check(status().saveAs("holdStatus"), status().in(201, 409))
            // A 409 is fine only when it says sold-out; any other conflict fails the request.
            .checkIf((response, session) -> response.status().code() == 409)
            .then(jsonPath("$.type").transform(t -> t.endsWith("/sold-out")).is(true))
            .checkIf((response, session) -> response.status().code() == 201)
            .then(jsonPath("$.holdId").saveAs("holdId")))
        .exec(session -> trace == null ? session : trace.record("hold", session))
        .exitHereIfFailed()
        // Only buyers who got a hold go on to pay; sold-out ones leave here.
        .doIf(session -> session.contains("holdId")).then(
            exec(http("checkout").post("/v1/holds/#{holdId}/checkout")
                .header("Authorization", "Bearer #{token}")
                .header("Idempotency-Key", "#{randomUuid()}")
                .check(status().saveAs("checkoutStatus"), status().is(201),
                    jsonPath("$.paymentId").saveAs("paymentId")))
            .exec(session -> trace == null ? session : trace.record("checkout", session))
            .exitHereIfFailed()
            .exec(http("pay").post("/v1/payments/#{paymentId}/simulate")
                .header("Authorization", "Bearer #{token}")
                .body(StringBody("{\"outcome\":\"succeeded\"}"))
                .check(status().saveAs("payStatus"), status().is(202)))
            .exec(session -> trace == null ? session : trace.record("pay", session)));

    SetUp run = setUp(drop.injectOpen(p.drop(rate))).protocols(p.protocol());
    if (!Boolean.getBoolean("allowErrors")) {
      run.assertions(global().failedRequests().count().is(0L));
    }
  }

  @Override
  public void after() {
    if (trace != null) {
      try {
        trace.close();
      } catch (java.io.IOException e) {
        System.err.println("The trace could not be written: " + e);
      }
    }
  }
}
