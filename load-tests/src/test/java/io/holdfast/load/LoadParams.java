package io.holdfast.load;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;
import static io.gatling.javaapi.http.HttpDsl.http;

import io.gatling.javaapi.core.OpenInjectionStep;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.util.List;

/**
 * The system properties the simulations share, read once per run, and the pieces built from
 * them: the HTTP protocol, the drop-shaped injection profile and the event under test.
 *
 * <p>Common properties: {@code baseUrl} (http://127.0.0.1:8080; several, comma-separated, share
 * the virtual users round-robin, as a load balancer over edges would), {@code organizerEmail}
 * (organizer@holdfast.dev), {@code organizerPassword} (holdfast-demo), {@code eventId} (none:
 * create one), {@code duration} seconds at full rate (30), {@code ramp} seconds to reach the
 * rate (5), {@code shareConnections} (true: a pool of keep-alive connections measures the
 * server, false: one connection per virtual user, as browsers do, which costs a handshake each).
 */
final class LoadParams {
  /** Every base URL given; fixtures (accounts, the event) go through the first. */
  final List<String> baseUrls = java.util.Arrays.stream(
          System.getProperty("baseUrl", "http://127.0.0.1:8080").split(","))
      .map(String::trim).filter(u -> !u.isEmpty()).map(u -> u.replaceAll("/+$", "")).toList();
  final String baseUrl = baseUrls.get(0);
  final String organizerEmail = System.getProperty("organizerEmail", "organizer@holdfast.dev");
  final String organizerPassword = System.getProperty("organizerPassword", "holdfast-demo");
  final String eventId = System.getProperty("eventId", "").trim();
  final int duration = integer("duration", 30);
  final int ramp = integer("ramp", 5);
  final boolean shareConnections = Boolean.parseBoolean(
      System.getProperty("shareConnections", "true"));
  final Fixture fixture;

  LoadParams() {
    fixture = new Fixture(baseUrl);
  }

  static int integer(String name, int fallback) {
    String value = System.getProperty(name);
    return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
  }

  /** JSON over HTTP/1.1; warm the client up against the target, never against gatling.io. */
  HttpProtocolBuilder protocol() {
    HttpProtocolBuilder protocol = http.baseUrls(baseUrls)
        .acceptHeader("application/json").contentTypeHeader("application/json")
        .warmUp(baseUrl + "/health/live")
        .userAgentHeader("holdfast-gatling");
    return shareConnections ? protocol.shareConnections() : protocol;
  }

  /** A drop: ramp from 1 user/s to {@code rate} over {@code ramp} s, then hold it. */
  List<OpenInjectionStep> drop(double rate) {
    OpenInjectionStep full = constantUsersPerSec(rate).during(duration);
    return ramp > 0 ? List.of(rampUsersPerSec(1).to(rate).during(ramp), full) : List.of(full);
  }

  /** How many virtual users {@link #drop} starts, with a little slack for rounding. */
  int users(double rate) {
    double exact = rate * duration + (ramp > 0 ? (1 + rate) / 2 * ramp : 0);
    return (int) Math.ceil(exact * 1.01) + 10;
  }

  /** The {@code eventId} property, or a fresh GA event created through the public API. */
  String eventOrCreate(int capacity, int maxPerBuyer, int holdSeconds) throws Exception {
    if (!eventId.isEmpty()) {
      System.out.println("Using event " + eventId + " on " + baseUrl);
      return eventId;
    }
    String id = fixture.createEvent(organizerEmail, organizerPassword, capacity, maxPerBuyer,
        holdSeconds);
    System.out.printf("Created event %s on %s: capacity %d, maxPerBuyer %d%n", id, baseUrl,
        capacity, maxPerBuyer);
    return id;
  }

  /**
   * The smallest per-buyer limit under which no buyer hits 429 purchase-limit when a circular
   * feeder hands each of {@code buyers} accounts to about users/buyers virtual users, each
   * buying {@code quantity}. The API caps maxPerBuyer at 100.
   */
  static int maxPerBuyer(int users, int buyers, int quantity) {
    long needed = (long) quantity * Math.max(1, (users + buyers - 1) / buyers);
    if (needed > 100) {
      System.out.printf("WARNING: %d users over %d buyers need maxPerBuyer %d > 100; some "
          + "holds may get 429 purchase-limit: raise -Dbuyers%n", users, buyers, needed);
    }
    return (int) Math.min(100, needed);
  }
}
