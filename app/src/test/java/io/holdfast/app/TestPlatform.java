package io.holdfast.app;

import io.holdfast.contracts.config.Settings;
import io.holdfast.edge.EventStatusVerticle;
import io.holdfast.edge.HttpEdgeVerticle;
import io.holdfast.edge.abuse.Limits;
import io.holdfast.edge.auth.RsaKeys;
import io.holdfast.infra.TestInfrastructure;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.util.Map;

/** One platform per test JVM, on the shared embedded infrastructure, closed at exit. */
final class TestPlatform {
  /** The key of a rotation ago: the platform still accepts its tokens under this kid. */
  static final String PREVIOUS_KID = "holdfast-0";
  static final KeyPair PREVIOUS_KEY = RsaKeys.generate();
  private static Platform platform;

  private TestPlatform() {}

  static synchronized Platform get() {
    if (platform == null) {
      JsonObject config = TestInfrastructure.config()
          .put(Settings.HTTP_HOST, "127.0.0.1")
          .put(Settings.HTTP_PORT, freePort())
          .put(Settings.PASSWORD_ITERATIONS, 1000)
          .put(Settings.CONSUMER_GROUP_PREFIX, "app-test-" + ProcessHandle.current().pid() + "-")
          .put(HttpEdgeVerticle.MIN_HOLD_SECONDS, 1)
          // Tests read their own writes at once; the stream polls faster than in production.
          .put(HttpEdgeVerticle.AVAILABILITY_CACHE_MILLIS, 0)
          .put(HttpEdgeVerticle.SEAT_MAP_INTERVAL_MILLIS, 200)
          .put(EventStatusVerticle.INTERVAL_MILLIS, 300)
          .put(HttpEdgeVerticle.ORGANIZER_EMAILS, "organizer@test.holdfast.dev")
          .put(PlatformSettings.CLUSTER_NAME, "app-test-" + ProcessHandle.current().pid())
          .put(PlatformSettings.HAZELCAST_PORT, 5850)
          .put(PlatformSettings.SEED, "true")
          // Tests may say where they come from; the shared edge's budgets are wide, so that
          // tests do not spend each other's (AbuseLimitsTest runs an edge with tight ones).
          .put(Limits.TRUSTED_PROXIES, 1)
          .put(Limits.ANONYMOUS_PER_MINUTE, 1_000_000)
          .put(Limits.SIGN_IN_PER_MINUTE, 10_000)
          .put(Limits.REGISTER_PER_MINUTE, 10_000)
          .put(Limits.MAX_ACTIVE_HOLDS, 1_000)
          .put(Settings.JWT_PREVIOUS_KEYS, RsaKeys.jwks(Map.of(PREVIOUS_KID,
              (RSAPublicKey) PREVIOUS_KEY.getPublic())).encode());
      try {
        platform = Platform.start(config);
      } catch (Exception e) {
        throw new IllegalStateException("the platform did not start", e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(platform::close));
    }
    return platform;
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress("127.0.0.1", 0));
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
