package io.holdfast.load;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Probe holds and their delivery. A probe is a hold of one ticket in the events' probe section
 * ({@link Fixture#PROBE_SECTION}), which nothing else holds, so after probe k that section's
 * {@code held} is k in every seat-map message: a viewer that reads {@code held = k} has been told
 * of probes 1..k, and the age of the news is measured from the moment the probe was sent.
 * Probes go to the events in turn, one every {@code intervalMillis}, from one thread.
 */
final class SeatMapProbes {
  private static final int MAX_PROBES = 100_000;

  private final String baseUrl;
  private final List<String> events;
  private final List<String> tokens;
  private final long intervalMillis;
  private final HttpClient http = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final AtomicLongArray[] sent;
  private final AtomicIntegerArray count;
  /** Selector thread only: per event, per probe, deliveries and first and last arrival. */
  private final int[][] delivered;
  private final long[][] first;
  private final long[][] last;
  private int[] ages = new int[1 << 16];
  private int agesCount;
  private volatile boolean stop;
  private Thread thread;
  volatile int failures;
  volatile String lastFailure = "";

  SeatMapProbes(String baseUrl, List<String> events, List<String> tokens, long intervalMillis) {
    this.baseUrl = baseUrl;
    this.events = events;
    this.tokens = tokens;
    this.intervalMillis = intervalMillis;
    int n = events.size();
    int perEvent = Math.min(MAX_PROBES, 2 + MAX_PROBES / n);
    sent = new AtomicLongArray[n];
    delivered = new int[n][perEvent];
    first = new long[n][perEvent];
    last = new long[n][perEvent];
    for (int e = 0; e < n; e++) {
      sent[e] = new AtomicLongArray(perEvent);
    }
    count = new AtomicIntegerArray(n);
  }

  /** Sends probes until {@code untilNanos}. */
  void start(long untilNanos, String run) {
    if (tokens.isEmpty() || intervalMillis <= 0) {
      return;
    }
    thread = new Thread(() -> {
      long next = System.nanoTime();
      for (int n = 0; !stop && System.nanoTime() < untilNanos; n++) {
        send(n % events.size(), n, run);
        next += intervalMillis * 1_000_000L;
        long wait = next - System.nanoTime();
        if (wait > 0) {
          try {
            Thread.sleep(wait / 1_000_000L, (int) (wait % 1_000_000L));
          } catch (InterruptedException e) {
            return;
          }
        }
      }
    }, "seat-map-probes");
    thread.setDaemon(true);
    thread.start();
  }

  private void send(int e, int n, String run) {
    int k = count.get(e) + 1;
    if (k >= sent[e].length()) {
      return;
    }
    // Probes rotate over the last buyers of the token file, to stay under maxPerBuyer.
    String token = tokens.get(tokens.size() - 1 - n % Math.min(50, tokens.size()));
    HttpRequest request = HttpRequest.newBuilder(
            URI.create(baseUrl + "/v1/events/" + events.get(e) + "/holds"))
        .timeout(Duration.ofSeconds(10))
        .header("Authorization", "Bearer " + token)
        .header("Idempotency-Key", "probe-" + run + "-" + n)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(new JsonObject()
            .put("section", Fixture.PROBE_SECTION).put("quantity", 1).encode()))
        .build();
    sent[e].set(k, System.nanoTime());
    try {
      HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() == 201) {
        count.set(e, k);
      } else {
        failures++;
        lastFailure = r.statusCode() + " " + r.body();
      }
    } catch (Exception ex) {
      failures++;
      lastFailure = ex.toString();
    }
  }

  void stop() throws InterruptedException {
    stop = true;
    if (thread != null) {
      thread.join(15_000);
    }
  }

  /**
   * The probe count in an event's first bytes: the {@code held} of its first section when that
   * section is the probe section, else -1. Both message shapes (the whole map and a change) list
   * the sections in event order, and the probe section is first.
   */
  static int probeCount(byte[] prefix, int length) {
    String text = new String(prefix, 0, length, StandardCharsets.US_ASCII);
    int sections = text.indexOf("\"sections\":[{");
    if (sections < 0) {
      return -1;
    }
    int end = text.indexOf('}', sections);
    if (end < 0) {
      return -1;
    }
    String section = text.substring(sections, end);
    if (!section.contains("\"sectionId\":\"" + Fixture.PROBE_SECTION + "\"")) {
      return -1;
    }
    int held = section.indexOf("\"held\":");
    if (held < 0) {
      return -1;
    }
    int value = 0;
    for (int i = held + 7; i < section.length() && Character.isDigit(section.charAt(i)); i++) {
      value = value * 10 + (section.charAt(i) - '0');
    }
    return value;
  }

  /** A viewer of event {@code e} learnt of probe {@code k} at {@code nanos}. */
  void delivered(int e, int k, long nanos) {
    if (k >= delivered[e].length) {
      return;
    }
    long at = sent[e].get(k);
    if (at == 0) {
      return;
    }
    if (delivered[e][k]++ == 0) {
      first[e][k] = nanos;
    }
    last[e][k] = Math.max(last[e][k], nanos);
    if (agesCount == ages.length) {
      ages = Arrays.copyOf(ages, ages.length * 2);
    }
    ages[agesCount++] = (int) Math.min(Integer.MAX_VALUE, (nanos - at) / 1000);
  }

  /** Probes sent to event {@code e} before {@code cutoffNanos} (their news had time to land). */
  int probesBefore(int e, long cutoffNanos) {
    int n = 0;
    for (int k = 1; k <= count.get(e); k++) {
      if (sent[e].get(k) <= cutoffNanos) {
        n++;
      }
    }
    return n;
  }

  int deliveredOf(int e, int probes) {
    int n = 0;
    for (int k = 1; k <= probes && k < delivered[e].length; k++) {
      n += delivered[e][k];
    }
    return n;
  }

  int sentCount() {
    int n = 0;
    for (int e = 0; e < count.length(); e++) {
      n += count.get(e);
    }
    return n;
  }

  /** Ages of every delivery, in milliseconds, sorted. */
  double[] agesMillis() {
    int[] sorted = Arrays.copyOf(ages, agesCount);
    Arrays.sort(sorted);
    return Arrays.stream(sorted).mapToDouble(us -> us / 1000.0).toArray();
  }

  /** Per probe delivered to at least two viewers: last arrival minus first, in ms, sorted. */
  double[] spreadsMillis() {
    return java.util.stream.IntStream.range(0, delivered.length).boxed()
        .flatMap(e -> java.util.stream.IntStream.range(1, delivered[e].length)
            .filter(k -> delivered[e][k] > 1)
            .mapToObj(k -> (last[e][k] - first[e][k]) / 1e6))
        .mapToDouble(Double::doubleValue).sorted().toArray();
  }
}
