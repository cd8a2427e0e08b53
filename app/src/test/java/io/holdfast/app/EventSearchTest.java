package io.holdfast.app;

import static io.holdfast.testkit.http.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@ExtendWith(VertxExtension.class)
@DisplayName("Finding events")
class EventSearchTest {
  /** In every event of this class, so other classes' events never match. */
  private static final String TAG = "zq" + UUID.randomUUID().toString().replace("-", "")
      .substring(0, 10);
  private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

  private static Api api;
  private static String jazz;
  private static String comedy;
  private static String opera;

  @BeforeAll
  static void events(Vertx vertx) {
    api = new Api(vertx, TestPlatform.get());
    Organizing org = new Organizing(api);
    String organizer = api.organizer();
    jazz = org.onSale(organizer, at(Organizing.body("Jazz " + TAG + " night", 10), 10)
        .put("category", "music").put("venue", "Blue Room"));
    comedy = org.onSale(organizer, at(Organizing.body("Comedy club", 10), 20)
        .put("category", "Comedy").put("venue", "The " + TAG + " Cellar"));
    opera = org.onSale(organizer, at(Organizing.body("Opera", 10), 30)
        .put("category", "music").put("description", "An evening of " + TAG + " arias"));
    org.draft(organizer, at(Organizing.body("Secret " + TAG + " draft", 10), 15));
  }

  @AfterAll
  static void close() {
    api.close();
  }

  private static JsonObject at(JsonObject body, int days) {
    Instant starts = NOW.plus(Duration.ofDays(days));
    return body.put("startsAt", starts.toString())
        .put("endsAt", starts.plus(Duration.ofHours(3)).toString());
  }

  private static HttpResponse<Buffer> list(String query) {
    return api.call(HttpMethod.GET, "/v1/events?" + query, null, null);
  }

  private static List<String> ids(String query) {
    HttpResponse<Buffer> r = list(query);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    List<String> ids = new ArrayList<>();
    r.bodyAsJsonObject().getJsonArray("items").forEach(e -> ids.add(((JsonObject) e)
        .getString("id")));
    return ids;
  }

  @Test
  @DisplayName("q matches name, venue or description, in any case, and never finds a draft")
  void byText() {
    assertThat(ids("q=" + TAG)).containsExactly(jazz, comedy, opera);
    assertThat(ids("q=" + TAG.toUpperCase(Locale.ROOT))).containsExactly(jazz, comedy, opera);
    assertThat(ids("q=" + TAG + "%20cellar")).containsExactly(comedy);
    // Wildcards in q are matched as themselves.
    assertThat(ids("q=" + TAG + "%25")).isEmpty();
    assertThat(ids("q=" + TAG + "_")).isEmpty();
  }

  @Test
  @DisplayName("category, from, to and status narrow the list, and combine")
  void byFilters() {
    assertThat(ids("q=" + TAG + "&category=COMEDY")).containsExactly(comedy);
    assertThat(ids("q=" + TAG + "&category=music")).containsExactly(jazz, opera);
    String day15 = NOW.plus(Duration.ofDays(15)).toString();
    String day25 = NOW.plus(Duration.ofDays(25)).toString();
    assertThat(ids("q=" + TAG + "&from=" + day15)).containsExactly(comedy, opera);
    assertThat(ids("q=" + TAG + "&to=" + day25)).containsExactly(jazz, comedy);
    assertThat(ids("q=" + TAG + "&from=" + day15 + "&to=" + day25)).containsExactly(comedy);
    // The start itself is in range: from is inclusive, to exclusive.
    String day20 = NOW.plus(Duration.ofDays(20)).toString();
    assertThat(ids("q=" + TAG + "&from=" + day20 + "&to=" + day25)).containsExactly(comedy);
    assertThat(ids("q=" + TAG + "&to=" + day20)).containsExactly(jazz);
    // An offset works even when its '+' was not encoded.
    // (formatted with its seconds: toString() leaves ":00" out, which RFC 3339 does not allow)
    String offset = NOW.plus(Duration.ofDays(15)).atOffset(java.time.ZoneOffset.ofHours(2))
        .format(java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    assertThat(ids("q=" + TAG + "&from=" + offset)).containsExactly(comedy, opera);
    assertThat(ids("q=" + TAG + "&status=on_sale")).containsExactly(jazz, comedy, opera);
    assertThat(ids("q=" + TAG + "&status=sold_out,ended")).isEmpty();
  }

  @Test
  @DisplayName("the results page with a cursor, each event once")
  void pages() {
    JsonObject first = list("q=" + TAG + "&limit=2").bodyAsJsonObject();
    assertThat(first.getJsonArray("items")).hasSize(2);
    JsonObject second = list("q=" + TAG + "&limit=2&cursor=" + first.getString("nextCursor"))
        .bodyAsJsonObject();
    JsonArray items = second.getJsonArray("items");
    assertThat(items).hasSize(1);
    assertThat(items.getJsonObject(0).getString("id")).isEqualTo(opera);
    assertThat(second.getString("nextCursor")).isNull();
  }

  @ParameterizedTest(name = "{0} → 422 naming {1}")
  @CsvSource(delimiter = '|', value = {
      "from=yesterday | from",
      "to=2027-13-01T00:00:00Z | to",
      "from=2027-06-02T00:00:00Z&to=2027-06-01T00:00:00Z | to",
      "status=draft | status",
      "status=cancelled | status",
      "status=on_sale,closed | status",
      "limit=0 | limit",
      "limit=101 | limit",
      "limit=ten | limit",
      "cursor=not-a-cursor | cursor",
  })
  @DisplayName("a bad filter or page parameter is a 422 that names it")
  void badParameters(String query, String field) {
    HttpResponse<Buffer> r = list(query);
    assertProblem(r, 422, "validation");
    assertThat(r.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field"))
        .isEqualTo(field);
  }
}
