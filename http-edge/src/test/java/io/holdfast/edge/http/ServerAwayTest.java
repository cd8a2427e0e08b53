package io.holdfast.edge.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.net.ConnectException;
import java.net.SocketException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A failure while a server restarts")
class ServerAwayTest {
  @Test
  @DisplayName("is a 503 to retry when PostgreSQL shuts down, starts up or cannot be reached")
  void serverAway() {
    assertThat(Responses.serverAway(new PgException(
        "the database system is shutting down", "FATAL", "57P03", null))).isTrue();
    assertThat(Responses.serverAway(new PgException(
        "terminating connection due to administrator command", "FATAL", "57P01", null))).isTrue();
    assertThat(Responses.serverAway(new RuntimeException("wrapped",
        new ConnectException("Connection refused")))).isTrue();
    assertThat(Responses.serverAway(new SocketException("Connection reset"))).isTrue();
    assertThat(Responses.serverAway(ClosedConnectionException.INSTANCE)).isTrue();
    assertThat(Responses.SERVER_AWAY.status()).isEqualTo(503);
  }

  @Test
  @DisplayName("stays a 500 when the request itself went wrong")
  void realFailure() {
    assertThat(Responses.serverAway(new PgException(
        "duplicate key value violates unique constraint", "ERROR", "23505", null))).isFalse();
    assertThat(Responses.serverAway(new IllegalStateException("a bug"))).isFalse();
  }
}
