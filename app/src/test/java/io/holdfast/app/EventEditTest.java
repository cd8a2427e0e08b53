package io.holdfast.app;

import static io.holdfast.testkit.http.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Editing an event")
class EventEditTest extends OrganizerTestBase {
  @Test
  @DisplayName("a draft may change any field, its sections too, and stays private to its organizer")
  void draftChangesAnything() {
    String id = org.draft(organizer, Organizing.body("Draft night", 50)).getString("id");
    JsonObject sections = new JsonObject().put("sections", new JsonArray()
        .add(new JsonObject().put("id", "FLOOR").put("kind", "general").put("priceCents", 4000)
            .put("capacity", 80))
        .add(new JsonObject().put("id", "BALC").put("name", "Balcony").put("kind", "general")
            .put("priceCents", 6000).put("capacity", 20)));
    HttpResponse<Buffer> r = org.patch(organizer, id, sections.put("name", "Renamed night")
        .put("maxPerBuyer", 4).put("currency", "USD").putNull("venue"));
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    JsonObject edited = r.bodyAsJsonObject();
    assertThat(edited.getString("name")).isEqualTo("Renamed night");
    assertThat(edited.getInteger("maxPerBuyer")).isEqualTo(4);
    assertThat(edited.getString("currency")).isEqualTo("USD");
    assertThat(edited.getString("venue")).isEmpty();
    assertThat(edited.getString("description")).isEqualTo("An evening of tests");
    assertThat(edited.getJsonArray("sections")).hasSize(2);
    assertThat(edited.getJsonArray("sections").getJsonObject(1).getString("name"))
        .isEqualTo("Balcony");
    assertThat(edited.getJsonArray("sections").getJsonObject(0).containsKey("shards")).isFalse();
    assertThat(org.event(organizer, id)).isEqualTo(edited);

    // Private: the organizer sees it, anyone else is told there is no such event.
    assertProblem(api.call(HttpMethod.GET, "/v1/events/" + id, null, null), 404, "not-found");
    assertProblem(api.call(HttpMethod.GET, "/v1/events/" + id, api.organizer(), null), 404,
        "not-found");
    assertThat(api.call(HttpMethod.GET, "/v1/events/" + id, api.admin(), null).statusCode())
        .isEqualTo(200);

    // Published, it sells the edited sections.
    assertThat(api.call(HttpMethod.POST, "/v1/events/" + id + "/publish", organizer, null)
        .statusCode()).isEqualTo(200);
    JsonObject counts = api.availability(id);
    assertThat(counts.getInteger("capacity")).isEqualTo(100);
    assertThat(counts.getJsonArray("sections")).hasSize(2);
  }

  @Test
  @DisplayName("a draft edit is validated as a new event is, names every bad field and changes nothing")
  void draftEditIsValidated() {
    JsonObject created = org.draft(organizer, Organizing.body("Strict night", 50));
    String id = created.getString("id");
    JsonObject bad = new JsonObject().put("endsAt", "2020-01-01T00:00:00Z")
        .put("maxPerBuyer", 0).put("colour", "red")
        .put("sections", new JsonArray().add(new JsonObject().put("id", "A")
            .put("kind", "general").put("priceCents", 100).put("capacity", 10))
            .add(new JsonObject().put("id", "A").put("kind", "general").put("priceCents", 100)
                .put("capacity", 10)));
    HttpResponse<Buffer> r = org.patch(organizer, id, bad);
    // An unknown field is refused before anything else is looked at.
    assertProblem(r, 422, "validation");
    assertThat(r.bodyAsJsonObject().getJsonArray("errors")).hasSize(1);
    assertThat(r.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field"))
        .isEqualTo("colour");

    bad.remove("colour");
    r = org.patch(organizer, id, bad);
    assertProblem(r, 422, "validation");
    assertThat(r.bodyAsJsonObject().getJsonArray("errors").stream()
        .map(e -> ((JsonObject) e).getString("field")))
        .containsExactlyInAnyOrder("endsAt", "maxPerBuyer", "sections[1].id");
    assertProblem(org.patch(organizer, id, new JsonObject().putNull("name")), 422, "validation");
    assertProblem(api.call(HttpMethod.PATCH, "/v1/events/" + id, organizer, "{\"name\": "), 400,
        "malformed-json");
    assertThat(org.event(organizer, id)).isEqualTo(created);
  }

  @Test
  @DisplayName("after publishing only the text fields and the end of sales change, and the core follows the new end")
  void publishedChangesLittle() {
    String id = org.onSale(organizer, Organizing.body("Live night", 10));
    HttpResponse<Buffer> locked = org.patch(organizer, id, new JsonObject().put("name", "New")
        .put("maxPerBuyer", 2).put("sections", new JsonArray()));
    assertProblem(locked, 409, "invalid-state");
    assertThat(locked.bodyAsJsonObject().getJsonArray("fields"))
        .containsExactly("maxPerBuyer", "sections");
    assertThat(org.event(organizer, id).getString("name")).isEqualTo("Live night");

    HttpResponse<Buffer> r = org.patch(organizer, id, new JsonObject().put("name", "Live night II")
        .put("venue", "The Other Hall").put("category", "theatre"));
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    assertThat(api.call(HttpMethod.GET, "/v1/events/" + id, null, null).bodyAsJsonObject()
        .getString("venue")).isEqualTo("The Other Hall");
    assertProblem(org.patch(organizer, id, new JsonObject().put("salesEndAt", "2000-01-01T00:00:00Z")),
        422, "validation");

    // Ending sales now closes the core's window.
    String buyer = api.buyers(1).get(0);
    assertThat(org.hold(buyer, id, 1).statusCode()).isEqualTo(201);
    r = org.patch(organizer, id, new JsonObject().put("salesEndAt", Instant.now().toString()));
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    int held = 1 + org.awaitSalesClosed(buyer, id);

    // And moving the end into the future opens them again, with the inventory as it was.
    String later = Instant.now().plus(Duration.ofDays(5)).toString();
    r = org.patch(organizer, id, new JsonObject().put("salesEndAt", later));
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    assertThat(Instant.parse(r.bodyAsJsonObject().getString("salesEndAt")))
        .isEqualTo(Instant.parse(later));
    assertThat(Api.eventually(Duration.ofSeconds(5), () ->
        org.hold(buyer, id, 1).statusCode() == 201)).isTrue();
    assertThat(api.availability(id).getInteger("held")).isEqualTo(held + 1);
  }

  @Test
  @DisplayName("only the organizer or an admin edits: a buyer is refused, another organizer finds nothing")
  void onlyTheOwnerEdits() {
    String id = org.onSale(organizer, Organizing.body("Owned night", 10));
    JsonObject rename = new JsonObject().put("name", "Taken over");
    assertProblem(org.patch(api.buyers(1).get(0), id, rename), 403, "forbidden");
    assertProblem(org.patch(api.organizer(), id, rename), 404, "not-found");
    assertProblem(org.patch(organizer, UUID.randomUUID().toString(), rename), 404, "not-found");
    assertProblem(org.patch(null, id, rename), 401, "unauthorized");
    assertThat(org.patch(api.admin(), id, new JsonObject().put("description", "by the admin"))
        .statusCode()).isEqualTo(200);
    assertThat(org.event(organizer, id).getString("name")).isEqualTo("Owned night");
  }

  @Test
  @DisplayName("an ended or cancelled event cannot be edited")
  void finishedEventsAreFrozen() {
    String ended = org.onSale(organizer, Organizing.body("Old night", 10));
    api.count("with e as (update events set status = 'ended' where id = $1::uuid returning 1) "
        + "select count(*) from e", ended);
    assertProblem(org.patch(organizer, ended, new JsonObject().put("name", "x")), 409,
        "invalid-state");
    String cancelled = org.onSale(organizer, Organizing.body("Called-off night", 10));
    assertThat(api.call(HttpMethod.POST, "/v1/events/" + cancelled + "/cancel", organizer, null)
        .statusCode()).isEqualTo(200);
    assertProblem(org.patch(organizer, cancelled, new JsonObject().put("name", "x")), 409,
        "invalid-state");
  }

  @Test
  @DisplayName("sales may not end after the event does: refused on create, on a draft edit and after publishing, naming salesEndAt")
  void salesEndNoLaterThanTheEvent() {
    JsonObject body = Organizing.body("Late sales night", 10);
    String afterEnd = Instant.parse(body.getString("endsAt")).plusSeconds(1).toString();
    assertSalesEndRefused(api.call(HttpMethod.POST, "/v1/events", organizer,
        body.copy().put("salesEndAt", afterEnd)));

    JsonObject draft = org.draft(organizer, body);
    String id = draft.getString("id");
    assertSalesEndRefused(org.patch(organizer, id, new JsonObject().put("salesEndAt", afterEnd)));
    // Moving the end before an unchanged end of sales is the same mistake.
    assertSalesEndRefused(org.patch(organizer, id, new JsonObject().put("endsAt",
        Instant.parse(body.getString("endsAt")).minusSeconds(60).toString())
        .put("salesEndAt", body.getString("endsAt"))));
    assertThat(org.event(organizer, id)).isEqualTo(draft);

    assertThat(api.call(HttpMethod.POST, "/v1/events/" + id + "/publish", organizer, null)
        .statusCode()).isEqualTo(200);
    assertSalesEndRefused(org.patch(organizer, id, new JsonObject().put("salesEndAt", afterEnd)));
    assertThat(Instant.parse(org.event(organizer, id).getString("salesEndAt")))
        .isEqualTo(Instant.parse(body.getString("endsAt")));
    // Ending sales exactly when the event ends stays allowed (it is the default).
    assertThat(org.patch(organizer, id, new JsonObject().put("salesEndAt",
        body.getString("endsAt"))).statusCode()).isEqualTo(200);
  }

  private static void assertSalesEndRefused(HttpResponse<Buffer> r) {
    assertProblem(r, 422, "validation");
    assertThat(r.bodyAsJsonObject().getJsonArray("errors").stream()
        .map(e -> ((JsonObject) e).getString("field"))).containsExactly("salesEndAt");
  }
}
