package io.holdfast.testkit.stripe;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.vertx.core.json.JsonObject;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for the part of Stripe's HTTP API Holdfast calls, served by WireMock on
 * 127.0.0.1: PaymentIntents (create, retrieve, cancel) and refunds, answered with Stripe's
 * documented JSON shapes. Like Stripe it honours {@code Idempotency-Key}: a repeated key gets
 * the first answer and creates nothing. It can be told to fail or to answer slowly, and keeps
 * what it made for the tests to check.
 */
public final class StripeStandIn implements ResponseDefinitionTransformerV2 {
  private final WireMockServer server;
  private final Map<String, String> answered = new ConcurrentHashMap<>();
  private final Map<String, JsonObject> intents = new ConcurrentHashMap<>();
  private final Map<String, List<String>> refundsByIntent = new ConcurrentHashMap<>();
  private final List<String> createKeys = new ArrayList<>();
  private final Map<String, AtomicInteger> cancels = new ConcurrentHashMap<>();
  private final Map<String, List<String>> refundCalls = new ConcurrentHashMap<>();
  private final AtomicInteger slowCreates = new AtomicInteger();
  private final AtomicInteger failingCreates = new AtomicInteger();
  private volatile int slowMillis;

  public StripeStandIn() {
    server = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort()
        .extensions(this));
    server.start();
    server.stubFor(any(anyUrl()).willReturn(aResponse().withTransformers(getName())));
  }

  public String apiBase() {
    return "http://127.0.0.1:" + server.port();
  }

  @Override
  public String getName() {
    return "stripe-stand-in";
  }

  @Override
  public boolean applyGlobally() {
    return false;
  }

  /** The next {@code count} intent creations are made but answered after {@code millis}. */
  public void slowCreates(int count, int millis) {
    slowMillis = millis;
    slowCreates.set(count);
  }

  /** The next {@code count} intent creations fail with Stripe's 500 api_error. */
  public void failCreates(int count) {
    failingCreates.set(count);
  }

  /** Stripe's side of a payment: the buyer paid (or the intent moved to another status). */
  public JsonObject setStatus(String intentId, String status) {
    JsonObject intent = intents.get(intentId);
    intent.put("status", status);
    if ("succeeded".equals(status)) {
      intent.put("amount_received", intent.getLong("amount"));
    }
    return intent.copy();
  }

  public JsonObject intent(String intentId) {
    return intents.get(intentId).copy();
  }

  public synchronized List<String> createKeys() {
    return List.copyOf(createKeys);
  }

  public int intentsCreated() {
    return intents.size();
  }

  /** The distinct refunds made for an intent. */
  public List<String> refundsOf(String intentId) {
    return List.copyOf(refundsByIntent.getOrDefault(intentId, List.of()));
  }

  /** The idempotency key of every refund request made for an intent, replays included. */
  public List<String> refundCallsOf(String intentId) {
    List<String> calls = refundCalls.get(intentId);
    if (calls == null) {
      return List.of();
    }
    synchronized (calls) {
      return List.copyOf(calls);
    }
  }

  @Override
  public ResponseDefinition transform(ServeEvent event) {
    Request request = event.getRequest();
    String path = request.getUrl().split("\\?")[0];
    String method = request.getMethod().getName();
    String key = request.getHeader("Idempotency-Key");
    Map<String, String> form = form(request.getBodyAsString());
    if ("POST".equals(method) && "/v1/payment_intents".equals(path)) {
      synchronized (this) {
        createKeys.add(key);
      }
      if (failingCreates.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        return error(500, "api_error", "Something went wrong on Stripe's end.");
      }
      String body = answered.computeIfAbsent("pi:" + key, k -> createIntent(form).encode());
      ResponseDefinitionBuilder ok = json(200, body);
      if (slowCreates.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        ok.withFixedDelay(slowMillis);
      }
      return ok.build();
    }
    if ("POST".equals(method) && "/v1/refunds".equals(path)) {
      String intentId = form.get("payment_intent");
      refundCalls.computeIfAbsent(String.valueOf(intentId),
          k -> java.util.Collections.synchronizedList(new ArrayList<>()))
          .add(String.valueOf(key));
      JsonObject intent = intents.get(intentId);
      if (intent == null) {
        return error(404, "invalid_request_error", "No such payment_intent: " + intentId);
      }
      String body = answered.computeIfAbsent("re:" + (key == null ? UUID.randomUUID() : key),
          k -> refund(intent).encode());
      return json(200, body).build();
    }
    if (path.startsWith("/v1/payment_intents/")) {
      String[] parts = path.split("/");
      JsonObject intent = intents.get(parts[3]);
      if (intent == null) {
        return error(404, "invalid_request_error", "No such payment_intent: " + parts[3]);
      }
      if (parts.length == 5 && "cancel".equals(parts[4]) && "POST".equals(method)) {
        return cancel(intent, key);
      }
      return json(200, intent.encode()).build();
    }
    return error(404, "invalid_request_error", "Unrecognized request URL (" + method + ": "
        + path + ")");
  }

  /**
   * Like Stripe: an intent paid or canceled already cannot be canceled (400), and a repeated
   * idempotency key gets the first answer without canceling again.
   */
  private synchronized ResponseDefinition cancel(JsonObject intent, String key) {
    String first = key == null ? null : answered.get("ca:" + key);
    if (first != null) {
      return json(200, first).build();
    }
    String status = intent.getString("status");
    if ("succeeded".equals(status) || "canceled".equals(status)) {
      return error(400, "invalid_request_error", "You cannot cancel this PaymentIntent "
          + "because it has a status of " + status + ".");
    }
    intent.put("status", "canceled").put("cancellation_reason", "abandoned");
    cancels.computeIfAbsent(intent.getString("id"), k -> new AtomicInteger()).incrementAndGet();
    String body = intent.encode();
    if (key != null) {
      answered.put("ca:" + key, body);
    }
    return json(200, body).build();
  }

  /** How many times an intent was canceled (a cancel Stripe carried out, not a replay). */
  public int cancelsOf(String intentId) {
    AtomicInteger count = cancels.get(intentId);
    return count == null ? 0 : count.get();
  }

  private JsonObject createIntent(Map<String, String> form) {
    String id = "pi_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
    JsonObject metadata = new JsonObject();
    form.forEach((k, v) -> {
      if (k.startsWith("metadata[")) {
        metadata.put(k.substring(9, k.length() - 1), v);
      }
    });
    JsonObject intent = new JsonObject().put("id", id).put("object", "payment_intent")
        .put("amount", Long.parseLong(form.getOrDefault("amount", "0")))
        .put("amount_received", 0)
        .put("currency", form.get("currency"))
        .put("status", "requires_payment_method")
        .put("client_secret", id + "_secret_" + UUID.randomUUID().toString().substring(0, 8))
        .put("created", System.currentTimeMillis() / 1000)
        .put("livemode", false)
        .put("metadata", metadata);
    intents.put(id, intent);
    return intent;
  }

  private JsonObject refund(JsonObject intent) {
    String id = "re_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
    refundsByIntent.computeIfAbsent(intent.getString("id"),
        k -> java.util.Collections.synchronizedList(new ArrayList<>())).add(id);
    return new JsonObject().put("id", id).put("object", "refund")
        .put("amount", intent.getLong("amount")).put("currency", intent.getString("currency"))
        .put("payment_intent", intent.getString("id")).put("status", "succeeded")
        .put("created", System.currentTimeMillis() / 1000).put("metadata", new JsonObject());
  }

  private static ResponseDefinitionBuilder json(int status, String body) {
    return ResponseDefinitionBuilder.responseDefinition().withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withHeader("Request-Id", "req_" + UUID.randomUUID().toString().substring(0, 12))
        .withBody(body);
  }

  private static ResponseDefinition error(int status, String type, String message) {
    return json(status, new JsonObject().put("error", new JsonObject().put("type", type)
        .put("message", message)).encode()).build();
  }

  private static Map<String, String> form(String body) {
    Map<String, String> form = new HashMap<>();
    if (body == null || body.isEmpty()) {
      return form;
    }
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return form;
  }

  public void close() {
    server.stop();
  }
}
