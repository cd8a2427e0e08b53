package io.holdfast.app;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/** What each end-to-end test starts with: a client of the test platform, closed after it. */
@ExtendWith(VertxExtension.class)
abstract class ApiTestBase {
  Api api;

  @BeforeEach
  void connect(Vertx vertx) {
    api = new Api(vertx, TestPlatform.get());
  }

  @AfterEach
  void disconnect() {
    api.close();
  }
}
