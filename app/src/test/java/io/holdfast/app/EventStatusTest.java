package io.holdfast.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The platform under test updates statuses every 300 ms (see {@link TestPlatform}). */
@DisplayName("Event statuses that follow time and sales")
class EventStatusTest extends OrganizerTestBase {
  private String status(String eventId) {
    return api.call(HttpMethod.GET, "/v1/events/" + eventId, null, null).bodyAsJsonObject()
        .getString("status");
  }

  private boolean becomes(String eventId, String status) {
    return Api.eventually(Duration.ofSeconds(10), () -> status.equals(status(eventId)));
  }

  @Test
  @DisplayName("an event on sale is ended once its end has passed")
  void endedAfterItsEnd() {
    Instant now = Instant.now();
    JsonObject body = Organizing.body("Short night", 10)
        .put("startsAt", now.minus(Duration.ofHours(1)).toString())
        .put("endsAt", now.plus(Duration.ofSeconds(3)).toString())
        .put("salesStartAt", now.minus(Duration.ofHours(2)).toString());
    String eventId = org.onSale(organizer, body);
    assertThat(status(eventId)).isEqualTo("on_sale");
    assertThat(becomes(eventId, "ended")).isTrue();
  }

  @Test
  @DisplayName("an event with every ticket sold is sold out; a held ticket keeps it on sale")
  void soldOutWhenAllSold() {
    String eventId = org.onSale(organizer, Organizing.body("Small night", 3));
    org.buy(api.buyers(1).get(0), eventId, 2);
    String holder = api.buyers(1).get(0);
    String holdId = org.hold(holder, eventId, 1).bodyAsJsonObject().getString("holdId");
    // Nothing is available, but the hold may lapse: several rounds later it is still on sale.
    long until = System.nanoTime() + Duration.ofMillis(1500).toNanos();
    while (System.nanoTime() < until) {
      assertThat(status(eventId)).isEqualTo("on_sale");
    }
    assertThat(api.call(HttpMethod.DELETE, "/v1/holds/" + holdId, holder, null).statusCode())
        .isEqualTo(204);
    org.buy(api.buyers(1).get(0), eventId, 1);
    assertThat(becomes(eventId, "sold_out")).isTrue();
    assertThat(api.availability(eventId).getInteger("sold")).isEqualTo(3);
  }

  @Test
  @DisplayName("a sold-out event whose seats come back is on sale again")
  void backOnSale() {
    String eventId = org.onSale(organizer, Organizing.body("Second-chance night", 5));
    // As a refund would leave it: marked sold out, with seats available in the core.
    api.count("with e as (update events set status = 'sold_out' where id = $1::uuid "
        + "returning 1) select count(*) from e", eventId);
    assertThat(status(eventId)).isEqualTo("sold_out");
    assertThat(becomes(eventId, "on_sale")).isTrue();
  }
}
