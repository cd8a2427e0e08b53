package io.holdfast.app;

import io.holdfast.contracts.core.CoreBus;
import io.holdfast.contracts.core.LoadEvent;
import io.holdfast.contracts.Sharding;
import io.holdfast.edge.auth.Passwords;
import io.holdfast.catalog.EventRepository;
import io.holdfast.accounts.UserRepository;
import io.holdfast.support.db.Database;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The demo a newcomer follows in the README: an organizer, a buyer and an event on sale now.
 * Seeding twice (an external database) reuses what is there.
 */
final class DemoData {
  static final String ORGANIZER = "organizer@holdfast.dev";
  static final String BUYER = "buyer@holdfast.dev";
  /** Grants roles and makes partners in the web app's admin pages. */
  static final String ADMIN = "admin@holdfast.dev";
  static final String PASSWORD = "holdfast-demo";
  static final String EVENT_NAME = "Holdfast Launch Night";

  private final Vertx vertx;
  private final JsonObject config;

  DemoData(Vertx vertx, JsonObject config) {
    this.vertx = vertx;
    this.config = config;
  }

  Future<Map<String, String>> seed() {
    Pool pool = Database.pool(vertx, config);
    UserRepository users = new UserRepository(pool);
    EventRepository events = new EventRepository(pool);
    Passwords passwords = Passwords.create(vertx, config);
    return passwords.hash(PASSWORD)
        .compose(hash -> user(users, ORGANIZER, "Demo Organizer", hash,
                List.of("buyer", "organizer"))
            .compose(organizer -> user(users, BUYER, "Demo Buyer", hash, List.of("buyer"))
                .compose(buyer -> user(users, ADMIN, "Demo Admin", hash,
                    List.of("buyer", "admin")))
                .map(others -> organizer)))
        .compose(organizer -> event(pool, events, organizer))
        // Published once; on a later start it is on sale already and the restore loaded it.
        .compose(event -> events.publish(UUID.fromString(event.getString("id")),
                draft -> CoreBus.request(vertx, LoadEvent.fromJson(draft)))
            .map(ignored -> Map.of("organizerEmail", ORGANIZER, "buyerEmail", BUYER,
                "adminEmail", ADMIN, "password", PASSWORD, "eventId", event.getString("id"))))
        .eventually(() -> Future.join(passwords.close(), pool.close()));
  }

  private static Future<UserRepository.User> user(UserRepository users, String email,
      String name, String hash, List<String> roles) {
    return users.byEmail(email).compose(found -> found != null ? Future.succeededFuture(found)
        : users.insert(email, name, hash, roles));
  }

  private static Future<JsonObject> event(Pool pool, EventRepository events,
      UserRepository.User organizer) {
    return pool.preparedQuery("select id from events where organizer_id = $1 and name = $2")
        .execute(Tuple.of(organizer.id(), EVENT_NAME))
        .compose(rs -> rs.size() > 0 ? events.byId(rs.iterator().next().getUUID("id"))
            : events.insert(organizer.id(), demoEvent()));
  }

  private static JsonObject demoEvent() {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    Instant starts = now.plus(Duration.ofDays(30));
    return new JsonObject().put("name", EVENT_NAME)
        .put("description", "A night to try Holdfast with: a standing floor and a seated "
            + "balcony.")
        .put("category", "music").put("venue", "The Loopback Arena")
        .put("startsAt", starts.toString()).put("endsAt", starts.plus(Duration.ofHours(4)).toString())
        .put("salesStartAt", now.minus(Duration.ofMinutes(1)).toString())
        .put("salesEndAt", starts.toString())
        .put("currency", "EUR").put("maxPerBuyer", 6).put("holdSeconds", 300)
        .put("sections", new JsonArray().add(new JsonObject().put("id", "GA")
            .put("name", "General admission").put("kind", "general").put("priceCents", 4500)
            .put("capacity", 2000).put("shards", Sharding.shardsFor(2000)))
            .add(balcony()));
  }

  /** A reserved section of 10 rows of 20 seats, B-1-1 to B-10-20. */
  private static JsonObject balcony() {
    JsonArray rows = new JsonArray();
    for (int r = 1; r <= 10; r++) {
      rows.add(new JsonObject().put("label", String.valueOf(r)).put("seats", 20));
    }
    return new JsonObject().put("id", "B").put("name", "Balcony").put("kind", "reserved")
        .put("priceCents", 6500).put("capacity", 200).put("shards", 1).put("rows", rows);
  }
}
