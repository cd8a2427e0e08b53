package io.holdfast.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.edge.HttpEdgeVerticle;
import io.holdfast.infra.LoopbackPorts;
import io.holdfast.support.config.Settings;
import io.holdfast.support.payment.StripeSettings;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * An edge configured as the production profile requires (a management port, checkout through
 * Stripe), beside the platform's own development edge, sharing its servers and grid.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("An edge set up for production: a management port, checkout through Stripe")
class ManagementPortTest {
  private Api api;
  private WebClient client;
  private String deployment;
  private int publicPort;
  private int managementPort;

  @BeforeAll
  void startEdge() {
    Platform platform = TestPlatform.get();
    api = new Api(platform.vertx(), platform);
    client = WebClient.create(platform.vertx());
    publicPort = LoopbackPorts.free();
    managementPort = LoopbackPorts.free();
    JsonObject config = platform.config().copy()
        .put(StripeSettings.PROVIDER.key(), "stripe")
        .put(Settings.HTTP_PORT.key(), publicPort)
        .put(HttpEdgeVerticle.MANAGEMENT_PORT.key(), managementPort);
    deployment = Api.await(platform.vertx().deployVerticle(HttpEdgeVerticle::new,
        new DeploymentOptions().setConfig(config)));
  }

  @AfterAll
  void stopEdge() {
    Api.await(api.platform.vertx().undeploy(deployment));
    client.close();
    api.close();
  }

  @Test
  @DisplayName("metrics and the detailed readiness answer on the management port and are not found on the public one")
  void managementOnly() {
    HttpResponse<Buffer> metrics = get(managementPort, "/metrics");
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.bodyAsString()).contains("# TYPE holdfast_");
    HttpResponse<Buffer> ready = get(managementPort, "/health/ready");
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(ready.bodyAsJsonObject().getJsonObject("checks").getString("postgres"))
        .isEqualTo("UP");
    assertThat(get(managementPort, "/health/live").statusCode()).isEqualTo(200);

    assertThat(get(publicPort, "/metrics").statusCode()).isEqualTo(404);
    assertThat(get(publicPort, "/health/ready").statusCode()).isEqualTo(404);
    assertThat(get(publicPort, "/health/live").statusCode()).isEqualTo(200);
    assertThat(get(publicPort, "/.well-known/jwks.json").statusCode()).isEqualTo(200);
  }

  @Test
  @DisplayName("the management port serves nothing of the public API")
  void managementServesNoApi() {
    assertThat(get(managementPort, "/v1/events").statusCode()).isEqualTo(404);
    assertThat(get(managementPort, "/.well-known/jwks.json").statusCode()).isEqualTo(404);
  }

  @Test
  @DisplayName("the simulate route does not exist where checkout goes through Stripe; the development edge keeps it")
  void noSimulateRoute() {
    String path = "/v1/payments/" + UUID.randomUUID() + "/simulate";
    JsonObject body = new JsonObject().put("outcome", "succeeded");
    HttpResponse<Buffer> production = Api.await(client.request(HttpMethod.POST, publicPort,
        "127.0.0.1", path).sendJsonObject(body));
    assertThat(production.statusCode()).isEqualTo(404);
    assertThat(production.bodyAsJsonObject().getString("type")).endsWith("/not-found");
    // The development edge: the route is there, and asks who is calling.
    assertThat(api.call(HttpMethod.POST, path, null, body).statusCode()).isEqualTo(401);
    assertThat(api.call(HttpMethod.GET, "/metrics", null, null).statusCode()).isEqualTo(200);
  }

  private HttpResponse<Buffer> get(int port, String path) {
    return Api.await(client.get(port, "127.0.0.1", path).send());
  }
}
