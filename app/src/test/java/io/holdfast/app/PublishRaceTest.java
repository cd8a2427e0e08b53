package io.holdfast.app;

import static io.holdfast.testkit.http.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Publish, edit and cancel of one event fired at once, round after round: whatever order they
 * commit in, the grid sells exactly what PostgreSQL says.
 */
@DisplayName("Publishing while the event changes")
class PublishRaceTest extends OrganizerTestBase {
  private static final int ROUNDS = 50;
  private List<String> buyers;

  @BeforeEach
  void buyers() {
    buyers = api.buyers(3);
  }

  /** One GA section of 30 at 25.00, ten a buyer. */
  private static JsonObject before(String name) {
    return Organizing.body(name, 30);
  }

  /** What the racing draft edit makes of it: other capacity, prices, sections and limit. */
  private static JsonObject edit() {
    return new JsonObject().put("maxPerBuyer", 3).put("sections", new JsonArray()
        .add(new JsonObject().put("id", "GA").put("kind", "general").put("priceCents", 3000)
            .put("capacity", 20))
        .add(new JsonObject().put("id", "VIP").put("kind", "general").put("priceCents", 9000)
            .put("capacity", 5)));
  }

  private Future<HttpResponse<Buffer>> send(HttpMethod method, String path, JsonObject body) {
    return body == null ? api.request(method, path, organizer).send()
        : api.request(method, path, organizer).sendBuffer(body.toBuffer());
  }

  private Future<HttpResponse<Buffer>> publish(String id) {
    return send(HttpMethod.POST, "/v1/events/" + id + "/publish", null);
  }

  private Future<HttpResponse<Buffer>> cancel(String id) {
    return send(HttpMethod.POST, "/v1/events/" + id + "/cancel", null);
  }

  @Test
  @DisplayName("a draft edit racing the publish never leaves the grid selling other sections, capacity, prices or limits than PostgreSQL")
  void publishAgainstDraftEdit() {
    for (int round = 0; round < ROUNDS; round++) {
      String id = org.draft(organizer, before("Edit race " + round)).getString("id");
      Future<HttpResponse<Buffer>> published = publish(id);
      Future<HttpResponse<Buffer>> edited = send(HttpMethod.PATCH, "/v1/events/" + id, edit());
      HttpResponse<Buffer> p = Api.await(published);
      HttpResponse<Buffer> e = Api.await(edited);
      assertThat(p.statusCode()).as("round %d publish: %s", round, p.bodyAsString())
          .isEqualTo(200);
      assertThat(e.statusCode()).as("round %d edit: %s", round, e.bodyAsString()).isIn(200, 409);
      assertGridSellsWhatPostgresSays(round, id);
    }
  }

  @Test
  @DisplayName("a cancel racing the publish of a draft always leaves it cancelled, and the grid selling nothing")
  void publishAgainstCancel() {
    for (int round = 0; round < ROUNDS; round++) {
      String id = org.draft(organizer, before("Cancel race " + round)).getString("id");
      Future<HttpResponse<Buffer>> published = publish(id);
      Future<HttpResponse<Buffer>> cancelled = cancel(id);
      HttpResponse<Buffer> p = Api.await(published);
      HttpResponse<Buffer> c = Api.await(cancelled);
      assertThat(c.statusCode()).as("round %d cancel: %s", round, c.bodyAsString())
          .isEqualTo(200);
      assertThat(p.statusCode()).as("round %d publish: %s", round, p.bodyAsString())
          .isIn(200, 409);
      assertGridSellsWhatPostgresSays(round, id);
    }
  }

  @Test
  @DisplayName("publishing again while a cancel commits never reopens the sales it closed")
  void republishAgainstCancel() {
    for (int round = 0; round < ROUNDS; round++) {
      String id = org.onSale(organizer, before("Re-publish race " + round));
      Future<HttpResponse<Buffer>> published = publish(id);
      Future<HttpResponse<Buffer>> cancelled = cancel(id);
      HttpResponse<Buffer> p = Api.await(published);
      HttpResponse<Buffer> c = Api.await(cancelled);
      assertThat(c.statusCode()).as("round %d cancel: %s", round, c.bodyAsString())
          .isEqualTo(200);
      assertProblem(p, 409, "invalid-state");
      assertGridSellsWhatPostgresSays(round, id);
    }
  }

  @Test
  @DisplayName("publishing an event on sale is a 409 that reloads nothing; publishing a cancelled one is a 409 and sells nothing")
  void onlyDraftsPublish() {
    String id = org.onSale(organizer, before("Published once"));
    assertThat(org.hold(buyers.get(0), id, 4).statusCode()).isEqualTo(201);
    // The grid's own copy of the window moves only with a reload: end sales there alone.
    Api.await(api.sql.preparedQuery("update events set sales_end_at = now() where id = $1")
        .execute(Tuple.of(UUID.fromString(id))));
    assertProblem(Api.await(publish(id)), 409, "invalid-state");
    JsonObject counts = api.availability(id);
    assertThat(counts.getInteger("held")).isEqualTo(4);
    assertThat(counts.getInteger("capacity")).isEqualTo(30);
    // Still selling by the grid's copy: a re-publish did not load the changed row.
    assertThat(org.hold(buyers.get(1), id, 1).statusCode()).isEqualTo(201);

    String cancelled = org.onSale(organizer, before("Published, then cancelled"));
    assertThat(Api.await(cancel(cancelled)).statusCode()).isEqualTo(200);
    org.awaitSalesClosed(buyers.get(2), cancelled);
    assertProblem(Api.await(publish(cancelled)), 409, "invalid-state");
    assertThat(org.event(organizer, cancelled).getString("status")).isEqualTo("cancelled");
    for (int i = 0; i < 3; i++) {
      assertProblem(org.hold(buyers.get(2), cancelled, 1), 403, "sales-closed");
    }

    String draftCancelled = org.draft(organizer, before("Cancelled as a draft")).getString("id");
    assertThat(Api.await(cancel(draftCancelled)).statusCode()).isEqualTo(200);
    assertProblem(Api.await(publish(draftCancelled)), 409, "invalid-state");
    assertThat(org.hold(buyers.get(2), draftCancelled, 1).statusCode()).isIn(403, 404);
  }

  /** The grid's view (availability, holds) against the event's row and sections. */
  private void assertGridSellsWhatPostgresSays(int round, String id) {
    Row event = Api.await(api.sql.preparedQuery("select status, max_per_buyer from events "
        + "where id = $1").execute(Tuple.of(UUID.fromString(id)))).iterator().next();
    String status = event.getString("status");
    if ("cancelled".equals(status)) {
      // The core forgets the old window within moments; from then on nothing sells.
      assertThat(Api.eventually(Duration.ofSeconds(3), () ->
          org.hold(buyers.get(0), id, 1).statusCode() != 201))
          .as("round %d: a hold of a cancelled event", round).isTrue();
      for (int i = 0; i < 2; i++) {
        assertThat(org.hold(buyers.get(1), id, 1).statusCode())
            .as("round %d: a hold of a cancelled event", round).isIn(403, 404);
      }
      return;
    }
    assertThat(status).as("round %d", round).isEqualTo("on_sale");
    List<JsonObject> sections = new ArrayList<>();
    Api.await(api.sql.preparedQuery("select id, capacity, price_cents from sections "
            + "where event_id = $1 order by position").execute(Tuple.of(UUID.fromString(id))))
        .forEach(r -> sections.add(new JsonObject().put("sectionId", r.getString("id"))
            .put("capacity", r.getInteger("capacity")).put("priceCents", r.getLong("price_cents"))));
    JsonObject counts = api.availability(id);
    List<JsonObject> grid = new ArrayList<>();
    counts.getJsonArray("sections").forEach(s -> grid.add(new JsonObject()
        .put("sectionId", ((JsonObject) s).getString("sectionId"))
        .put("capacity", ((JsonObject) s).getInteger("capacity"))));
    assertThat(grid).as("round %d: the grid's sections", round).isEqualTo(sections.stream()
        .map(s -> new JsonObject().put("sectionId", s.getString("sectionId"))
            .put("capacity", s.getInteger("capacity"))).toList());

    int max = event.getInteger("max_per_buyer");
    HttpResponse<Buffer> upToMax = org.hold(buyers.get(0), id, max);
    assertThat(upToMax.statusCode()).as("round %d: %d of %d a buyer: %s", round, max, max,
        upToMax.bodyAsString()).isEqualTo(201);
    assertProblem(org.hold(buyers.get(1), id, max + 1), 429, "purchase-limit");
    for (JsonObject s : sections) {
      HttpResponse<Buffer> one = Api.await(api.hold(buyers.get(2), id, new JsonObject()
          .put("section", s.getString("sectionId")).put("quantity", 1),
          UUID.randomUUID().toString()));
      assertThat(one.statusCode()).as("round %d: %s", round, one.bodyAsString()).isEqualTo(201);
      assertThat(one.bodyAsJsonObject().getLong("amountCents"))
          .as("round %d: the price of %s", round, s.getString("sectionId"))
          .isEqualTo(s.getLong("priceCents"));
    }
  }
}
