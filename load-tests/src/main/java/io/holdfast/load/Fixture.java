package io.holdfast.load;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

/**
 * Prepares a drop through the public API only, so it works against any deployment: an
 * organizer logs in, creates and publishes a general-admission event (or a stadium of reserved
 * sections), and buyers register.
 * Their access tokens are taken before the load starts, as in a real drop.
 */
public final class Fixture {
  /** A registered buyer and the access token it got when registering. */
  public record Buyer(String email, String password, String token) {}

  private final HttpClient http = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(10)).build();
  private final String baseUrl;

  public Fixture(String baseUrl) {
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
  }

  /** The largest general-admission section the API accepts. */
  public static final int MAX_SECTION = 1_000_000;

  /** The ID of general-admission section {@code i} (0-based) of a fixture event. */
  public static String section(int i) {
    return i == 0 ? "GA" : "GA" + (i + 1);
  }

  /** How many sections a fixture event of {@code capacity} tickets has. */
  public static int sectionsFor(int capacity) {
    return (capacity + MAX_SECTION - 1) / MAX_SECTION;
  }

  /**
   * Logs the organizer in, creates an event on sale now, publishes it. Its general-admission
   * sections are {@code GA}, {@code GA2}, ... of at most {@link #MAX_SECTION} tickets each.
   */
  public String createEvent(String organizerEmail, String password, int capacity,
      int maxPerBuyer, int holdSeconds) throws IOException, InterruptedException {
    return createEvent(organizerEmail, password, sections(capacity), maxPerBuyer, holdSeconds);
  }

  /** Logs the organizer in, creates an event of these sections on sale now, publishes it. */
  public String createEvent(String organizerEmail, String password, JsonArray sections,
      int maxPerBuyer, int holdSeconds) throws IOException, InterruptedException {
    String token = post("/v1/auth/login", null, new JsonObject().put("email", organizerEmail)
        .put("password", password), 200).getString("accessToken");
    Instant now = Instant.now();
    JsonObject event = new JsonObject().put("name", "Load test " + now)
        .put("category", "load-test").put("venue", "Loopback")
        .put("startsAt", now.plus(Duration.ofDays(7)).toString())
        .put("endsAt", now.plus(Duration.ofDays(7)).plus(Duration.ofHours(3)).toString())
        .put("salesStartAt", now.minusSeconds(60).toString())
        .put("currency", "EUR").put("maxPerBuyer", maxPerBuyer).put("holdSeconds", holdSeconds)
        .put("sections", sections);
    String id = post("/v1/events", token, event, 201).getString("id");
    post("/v1/events/" + id + "/publish", token, null, 200);
    return id;
  }

  /** General-admission sections {@code GA}, {@code GA2}, ... of {@code capacity} in all. */
  public static JsonArray sections(int capacity) {
    JsonArray sections = new JsonArray();
    for (int i = 0, left = capacity; left > 0; i++, left -= MAX_SECTION) {
      sections.add(new JsonObject().put("id", section(i)).put("name", "General admission " + (i + 1))
          .put("kind", "general").put("priceCents", 5000)
          .put("capacity", Math.min(left, MAX_SECTION)));
    }
    return sections;
  }

  /**
   * A stadium: reserved sections {@code S1}, {@code S2}, ... of {@code rows} rows labelled
   * {@code 1}, {@code 2}, ... with {@code seats} seats each (40 x 30 x 50 is 60,000 seats).
   */
  public static JsonArray stadium(int sections, int rows, int seats) {
    JsonArray all = new JsonArray();
    for (int s = 1; s <= sections; s++) {
      JsonArray rowList = new JsonArray();
      for (int r = 1; r <= rows; r++) {
        rowList.add(new JsonObject().put("label", String.valueOf(r)).put("seats", seats));
      }
      all.add(new JsonObject().put("id", "S" + s).put("name", "Section " + s)
          .put("kind", "reserved").put("priceCents", 7500).put("rows", rowList));
    }
    return all;
  }

  /** ID of the probe section: general admission, held only by the seat-map driver's probes. */
  public static final String PROBE_SECTION = "P";

  /**
   * A general-admission section {@link #PROBE_SECTION} that the load never touches. Put first,
   * its counts come first in every seat-map change that includes it, so a viewer finds them
   * without reading the rest.
   */
  public static JsonObject probeSection(int capacity) {
    return new JsonObject().put("id", PROBE_SECTION).put("name", "Probe")
        .put("kind", "general").put("priceCents", 100).put("capacity", capacity);
  }

  /** Registers {@code count} buyers, {@code parallel} at a time; prints progress. */
  public List<Buyer> registerBuyers(int count, int parallel) throws InterruptedException {
    String run = UUID.randomUUID().toString().substring(0, 8);
    List<Buyer> buyers = Collections.synchronizedList(new ArrayList<>(count));
    Semaphore permits = new Semaphore(parallel);
    List<CompletableFuture<?>> all = new ArrayList<>();
    long began = System.nanoTime();
    for (int i = 0; i < count; i++) {
      permits.acquire();
      String email = "load-" + run + "-" + i + "@loadtest.holdfast.dev";
      String password = "load-" + run + "-password";
      JsonObject body = new JsonObject().put("email", email).put("password", password)
          .put("name", "Load buyer " + i);
      all.add(http.sendAsync(request("/v1/auth/register", null, body),
              HttpResponse.BodyHandlers.ofString())
          .thenAccept(r -> {
            if (r.statusCode() != 201) {
              throw new IllegalStateException("register answered " + r.statusCode() + ": "
                  + r.body());
            }
            buyers.add(new Buyer(email, password,
                new JsonObject(r.body()).getString("accessToken")));
          })
          .whenComplete((ok, t) -> permits.release()));
      if ((i + 1) % 1000 == 0) {
        System.out.printf("  registered %d of %d buyers (%.1f s)%n", i + 1, count,
            (System.nanoTime() - began) / 1e9);
      }
    }
    CompletableFuture.allOf(all.toArray(new CompletableFuture[0])).join();
    return buyers;
  }

  public JsonObject availability(String eventId) throws IOException, InterruptedException {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(
        URI.create(baseUrl + "/v1/events/" + eventId + "/availability")).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    return new JsonObject(r.body());
  }

  /** POSTs {@code body} (null: none) and answers the JSON, failing on any other status. */
  public JsonObject post(String path, String token, JsonObject body, int expected)
      throws IOException, InterruptedException {
    return post(path, token, body, expected, null);
  }

  /** The same, with an {@code Idempotency-Key} (holds and checkouts need one). */
  public JsonObject post(String path, String token, JsonObject body, int expected,
      String idempotencyKey) throws IOException, InterruptedException {
    HttpResponse<String> r = http.send(request(path, token, body, idempotencyKey),
        HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != expected) {
      throw new IllegalStateException("POST " + path + " answered " + r.statusCode() + ": "
          + r.body());
    }
    return r.body().isEmpty() ? new JsonObject() : new JsonObject(r.body());
  }

  /** GETs {@code path} and answers its status and JSON body (null when empty). */
  public HttpResponse<String> get(String path, String token)
      throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path))
        .timeout(Duration.ofSeconds(30)).GET();
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest request(String path, String token, JsonObject body) {
    return request(path, token, body, null);
  }

  private HttpRequest request(String path, String token, JsonObject body, String key) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path))
        .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
        .POST(body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body.encode()));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    if (key != null) {
      b.header("Idempotency-Key", key);
    }
    return b.build();
  }
}
