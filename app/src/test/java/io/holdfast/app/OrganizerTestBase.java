package io.holdfast.app;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/** What each end-to-end test of events starts with: a client, its helpers and a new organizer. */
@ExtendWith(VertxExtension.class)
abstract class OrganizerTestBase {
  Api api;
  Organizing org;
  String organizer;

  @BeforeEach
  void connect(Vertx vertx) {
    api = new Api(vertx, TestPlatform.get());
    org = new Organizing(api);
    organizer = api.organizer();
  }

  @AfterEach
  void disconnect() {
    api.close();
  }
}
