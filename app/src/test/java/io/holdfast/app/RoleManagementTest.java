package io.holdfast.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.edge.HttpEdgeVerticle;
import io.holdfast.infra.Infrastructure;
import io.holdfast.infra.LoopbackPorts;
import io.holdfast.support.config.Settings;
import io.holdfast.support.metrics.Meters;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A member and a worker, which serve no API, each with a management port of its own: the probes
 * and metrics Kubernetes and Prometheus read from every process. They run in this JVM on servers
 * of their own (not the test platform's: a worker of another grid would settle its payments).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisplayName("The management port of a member and of a worker")
class RoleManagementTest {
  private Infrastructure servers;
  private Platform member;
  private Platform worker;
  private int memberPort;
  private int workerPort;
  private Vertx vertx;
  private WebClient client;

  @BeforeAll
  void start() throws Exception {
    servers = Infrastructure.start(new JsonObject(), 2);
    int seed = LoopbackPorts.free();
    JsonObject shared = servers.config().copy()
        .put(Platform.CLUSTER_NAME.key(), "roles-" + UUID.randomUUID())
        .put(Platform.HAZELCAST_MEMBERS.key(), "127.0.0.1:" + seed)
        .put(Platform.SEED.key(), "false")
        .put(Platform.CORE_INSTANCES.key(), 1)
        .put(Settings.CONSUMER_GROUP_PREFIX, "roles-");
    memberPort = LoopbackPorts.free();
    member = Platform.start(shared.copy().put(Platform.HAZELCAST_PORT.key(), seed)
        .put(HttpEdgeVerticle.MANAGEMENT_PORT.key(), memberPort), Role.MEMBER);
    workerPort = LoopbackPorts.free();
    worker = Platform.start(shared.copy()
        .put(Platform.HAZELCAST_PORT.key(), LoopbackPorts.free())
        .put(HttpEdgeVerticle.MANAGEMENT_PORT.key(), workerPort), Role.WORKER);
    vertx = Vertx.vertx();
    client = WebClient.create(vertx);
  }

  @AfterAll
  void stop() {
    if (client != null) {
      client.close();
      vertx.close().await();
    }
    if (worker != null) {
      worker.close();
    }
    if (member != null) {
      member.close();
    }
    if (servers != null) {
      servers.close();
    }
  }

  @Test
  @Order(1)
  @DisplayName("a member is live, ready once its grid has the quorum, PostgreSQL answers and its inventory is rebuilt, and shows its metrics")
  void memberProbes() {
    assertThat(get(memberPort, "/health/live").bodyAsJsonObject().getString("status"))
        .isEqualTo("UP");
    HttpResponse<Buffer> ready = get(memberPort, "/health/ready");
    assertThat(ready.statusCode()).as(ready.bodyAsString()).isEqualTo(200);
    assertThat(ready.bodyAsJsonObject().getJsonObject("checks").getMap())
        .containsOnlyKeys("started", "postgres", "grid", "inventory").containsValues("UP");
    Scrape metrics = metrics(memberPort);
    assertThat(metrics.value("holdfast_grid_data_members", "role", "member")).isEqualTo(1);
    assertThat(metrics.find("holdfast_event_loop_delay_seconds", "role", "member")).hasSize(1);
    assertThat(metrics.find("jvm_memory_used_bytes", "role", "member")).isNotEmpty();
    assertThat(metrics.series()).allSatisfy(s -> assertThat(s.labels())
        .containsEntry("role", "member"));
  }

  @Test
  @Order(2)
  @DisplayName("a worker is ready while PostgreSQL, Kafka and the core answer, and shows its consumers' lag")
  void workerProbes() {
    HttpResponse<Buffer> ready = get(workerPort, "/health/ready");
    assertThat(ready.statusCode()).as(ready.bodyAsString()).isEqualTo(200);
    assertThat(ready.bodyAsJsonObject().getJsonObject("checks").getMap())
        .containsOnlyKeys("started", "postgres", "kafka", "cluster").containsValues("UP");
    Scrape metrics = metrics(workerPort);
    assertThat(metrics.find("holdfast_kafka_consumer_lag", "group", "roles-payment-worker",
        "topic", "payments", "role", "worker")).hasSize(1);
    assertThat(metrics.find("holdfast_outbox_backlog", "role", "worker")).hasSize(1);
    assertThat(metrics.find("holdfast_payments_without_order", "role", "worker")).hasSize(1);
    assertThat(metrics.find("holdfast_inventory_invariant_violations", "role", "worker"))
        .hasSize(1);
    assertThat(metrics.value("holdfast_grid_data_members", "role", "worker")).isEqualTo(1);
  }

  @Test
  @Order(3)
  @DisplayName("answers anything else with a problem: a 404 for another path, a 405 for another method")
  void nothingElse() {
    HttpResponse<Buffer> missing = get(workerPort, "/v1/events");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.getHeader("Content-Type")).isEqualTo("application/problem+json");
    assertThat(Api.await(client.request(HttpMethod.POST, memberPort, "127.0.0.1", "/metrics")
        .send()).statusCode()).isEqualTo(405);
  }

  @Test
  @Order(4)
  @DisplayName("a worker whose member is gone is live but not ready: the core does not answer")
  void workerWithoutCore() {
    member.close();
    member = null;
    assertThat(Api.eventually(Duration.ofSeconds(15),
        () -> get(workerPort, "/health/ready").statusCode() == 503)).isTrue();
    HttpResponse<Buffer> ready = get(workerPort, "/health/ready");
    assertThat(ready.bodyAsJsonObject().getString("status")).isEqualTo("DOWN");
    assertThat(ready.bodyAsJsonObject().getJsonObject("checks").getString("cluster"))
        .isEqualTo("DOWN");
    assertThat(get(workerPort, "/health/live").statusCode()).isEqualTo(200);
  }

  private Scrape metrics(int port) {
    HttpResponse<Buffer> r = get(port, "/metrics");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.getHeader("Content-Type")).isEqualTo(Meters.CONTENT_TYPE);
    return Scrape.of(r.bodyAsString());
  }

  private HttpResponse<Buffer> get(int port, String path) {
    return Api.await(client.get(port, "127.0.0.1", path).send());
  }
}
