package io.holdfast.app;

import com.hazelcast.core.HazelcastInstance;
import io.holdfast.contracts.Addresses;
import io.holdfast.contracts.Topics;
import io.holdfast.contracts.core.CoreBus;
import io.holdfast.contracts.core.Ping;
import io.holdfast.contracts.problem.Problem;
import io.holdfast.core.grid.GridMeters;
import io.holdfast.edge.HttpEdgeVerticle;
import io.holdfast.support.config.Settings;
import io.holdfast.support.db.Database;
import io.holdfast.support.kafka.EventPublisher;
import io.holdfast.support.kafka.KafkaSettings;
import io.holdfast.support.metrics.Meters;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The management port of a member or a worker, which serve no API: {@code /health/live},
 * {@code /health/ready} with the state of each dependency of the role, and {@code /metrics},
 * so that Kubernetes' probes and Prometheus reach every process alike (an edge serves the same
 * three itself, beside its API). Bound to {@code HOLDFAST_MANAGEMENT_PORT}; one instance,
 * deployed before the role's other verticles.
 *
 * <p>Ready means: the process has started all it runs ({@link #started}); a member's grid has
 * the quorum of data members, PostgreSQL answers and its inventory is rebuilt; a worker's
 * PostgreSQL, Kafka and the reservation core (over the event bus) answer. A check not answered
 * within {@link #PROBE_TIMEOUT_MILLIS} is DOWN.
 */
final class ManagementVerticle extends VerticleBase {
  static final int PROBE_TIMEOUT_MILLIS = 2000;
  /** Set in the process's state map once the launcher has started everything. */
  private static final String STARTED = "started";

  private final Role role;
  private final HazelcastInstance hazelcast;
  private Pool pool;
  private EventPublisher kafka;
  private HttpServer server;
  private Meters meters;
  private int quorum;

  ManagementVerticle(Role role, HazelcastInstance hazelcast) {
    this.role = role;
    this.hazelcast = hazelcast;
  }

  @Override
  public Future<?> start() {
    JsonObject config = config();
    meters = Meters.of(vertx);
    quorum = Math.max(1, Platform.GRID_QUORUM.integer(config));
    pool = Database.pool(vertx, config);
    Future<?> ready = role.runsJobs() ? EventPublisher.create(vertx,
            KafkaSettings.producer(config, "management-" + role.cliName()), Topics.PAYMENTS)
        .onSuccess(p -> kafka = p) : Future.succeededFuture();
    String host = HttpEdgeVerticle.MANAGEMENT_HOST.string(config,
        Settings.HTTP_HOST.string(config));
    server = vertx.createHttpServer(new HttpServerOptions().setHost(host)
        .setPort(HttpEdgeVerticle.MANAGEMENT_PORT.integer(config, 0)));
    return ready.compose(v -> server.requestHandler(this::serve).listen());
  }

  /** The launcher started everything the role runs: readiness may say UP from now on. */
  static void started(Vertx vertx) {
    vertx.sharedData().getLocalMap(Addresses.STATE_MAP).put(STARTED, "yes");
  }

  private void serve(HttpServerRequest request) {
    String path = request.path();
    if (!"GET".equals(request.method().name()) && !"HEAD".equals(request.method().name())) {
      problem(request, Problem.of(405, "method-not-allowed", "Method not allowed",
          request.method() + " is not allowed on " + path));
    } else if ("/health/live".equals(path)) {
      json(request, 200, new JsonObject().put("status", "UP"));
    } else if ("/health/ready".equals(path)) {
      checks().onComplete(ar -> {
        JsonObject checks = ar.result();
        boolean up = !checks.getMap().containsValue("DOWN");
        json(request, up ? 200 : 503, new JsonObject().put("status", up ? "UP" : "DOWN")
            .put("checks", checks));
      });
    } else if ("/metrics".equals(path)) {
      vertx.executeBlocking(meters::scrape, false).onComplete(ar -> {
        if (ar.failed()) {
          problem(request, Problem.of(500, "internal", "Internal error",
              "The metrics could not be written"));
          return;
        }
        request.response().putHeader("Content-Type", Meters.CONTENT_TYPE)
            .putHeader("Cache-Control", "no-store").end(ar.result());
      });
    } else {
      problem(request, Problem.of(404, "not-found", "Not found", "There is no " + path));
    }
  }

  /** Every check of the role at once; each UP or DOWN, DOWN when not answered in time. */
  private Future<JsonObject> checks() {
    Map<String, Supplier<Future<?>>> probes = new LinkedHashMap<>();
    probes.put(STARTED, () -> vertx.sharedData().getLocalMap(Addresses.STATE_MAP)
        .containsKey(STARTED) ? Future.succeededFuture() : Future.failedFuture("starting"));
    probes.put("postgres", () -> pool.query("select 1").execute());
    if (role.holdsData()) {
      probes.put("grid", () -> GridMeters.dataMembers(hazelcast) >= quorum
          ? Future.succeededFuture()
          : Future.failedFuture("below the quorum"));
      probes.put("inventory", () -> Addresses.RESTORING.equals(vertx.sharedData()
          .getLocalMap(Addresses.STATE_MAP).get(Addresses.INVENTORY_STATE))
          ? Future.failedFuture("being rebuilt") : Future.succeededFuture());
    }
    if (role.runsJobs()) {
      probes.put("kafka", () -> kafka.ready(Topics.PAYMENTS));
      probes.put("cluster", () -> CoreBus.request(vertx, new Ping(),
          new DeliveryOptions().setSendTimeout(PROBE_TIMEOUT_MILLIS)));
    }
    List<String> names = new ArrayList<>(probes.keySet());
    List<Future<?>> asked = new ArrayList<>();
    for (Supplier<Future<?>> probe : probes.values()) {
      Future<?> f;
      try {
        f = probe.get();
      } catch (RuntimeException e) {
        f = Future.failedFuture(e);
      }
      asked.add(f);
    }
    Promise<JsonObject> done = Promise.promise();
    Runnable finish = () -> {
      JsonObject checks = new JsonObject();
      for (int i = 0; i < names.size(); i++) {
        checks.put(names.get(i), asked.get(i).succeeded() ? "UP" : "DOWN");
      }
      done.tryComplete(checks);
    };
    long timer = vertx.setTimer(PROBE_TIMEOUT_MILLIS + 500, id -> finish.run());
    Future.join(asked).onComplete(ar -> {
      vertx.cancelTimer(timer);
      finish.run();
    });
    return done.future();
  }

  private static void json(HttpServerRequest request, int status, JsonObject body) {
    request.response().setStatusCode(status).putHeader("Content-Type", "application/json")
        .putHeader("Cache-Control", "no-store").end(body.toBuffer());
  }

  private static void problem(HttpServerRequest request, Problem problem) {
    request.response().setStatusCode(problem.status())
        .putHeader("Content-Type", "application/problem+json")
        .end(problem.toJson().put("instance", request.path()).toBuffer());
  }

  @Override
  public Future<?> stop() {
    return Future.join(server == null ? Future.succeededFuture() : server.close(),
        pool == null ? Future.succeededFuture() : pool.close(),
        kafka == null ? Future.succeededFuture() : kafka.close());
  }
}
