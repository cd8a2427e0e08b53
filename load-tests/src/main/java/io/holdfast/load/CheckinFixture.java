package io.holdfast.load;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The check-in benchmark's fixture, through the public API only: an event on sale, buyers who
 * each buy 100 tickets (hold, checkout, simulated payment), their tickets' codes read back, a
 * check-in list and the scanners on its staff. Writes the codes and the scanners' tokens one a
 * line, and prints {@code LIST <eventId> <listId>} last.
 */
public final class CheckinFixture {
  private CheckinFixture() {}

  /** The most tickets one buyer holds at once, and so buys in one order. */
  private static final int PER_BUYER = 100;

  public static void main(String[] args) throws Exception {
    if (args.length < 5) {
      System.err.println("Usage: CheckinFixture BASE_URL TICKETS SCANNERS CODES_FILE TOKENS_FILE "
          + "[ORGANIZER_EMAIL] [PASSWORD]");
      System.exit(2);
    }
    String base = args[0];
    int tickets = Integer.parseInt(args[1]);
    int scanners = Integer.parseInt(args[2]);
    String organizerEmail = args.length > 5 ? args[5] : "organizer@holdfast.dev";
    String password = args.length > 6 ? args[6] : "holdfast-demo";
    Fixture fixture = new Fixture(base);
    long began = System.nanoTime();
    String eventId = fixture.createEvent(organizerEmail, password, tickets, PER_BUYER, 1800);
    int buyers = (tickets + PER_BUYER - 1) / PER_BUYER;
    List<Fixture.Buyer> registered = fixture.registerBuyers(buyers + scanners, 32);
    System.out.printf("  event %s of %d tickets, %d buyers and %d scanners registered (%.1f s)%n",
        eventId, tickets, buyers, scanners, seconds(began));

    List<String> codes = Collections.synchronizedList(new ArrayList<>(tickets));
    ExecutorService pool = Executors.newFixedThreadPool(16);
    List<Future<?>> bought = new ArrayList<>();
    for (int i = 0; i < buyers; i++) {
      int quantity = Math.min(PER_BUYER, tickets - i * PER_BUYER);
      String token = registered.get(i).token();
      bought.add(pool.submit(() -> {
        codes.addAll(buy(fixture, eventId, token, quantity));
        return null;
      }));
    }
    for (Future<?> f : bought) {
      f.get();
    }
    pool.shutdown();
    System.out.printf("  %d tickets bought and their codes read (%.1f s)%n", codes.size(),
        seconds(began));

    String organizer = fixture.post("/v1/auth/login", null, new JsonObject()
        .put("email", organizerEmail).put("password", password), 200).getString("accessToken");
    String lists = "/v1/events/" + eventId + "/checkin-lists";
    String listId = fixture.post(lists, organizer, new JsonObject().put("name", "Main gate"), 201)
        .getString("id");
    List<String> tokens = new ArrayList<>(scanners);
    for (Fixture.Buyer scanner : registered.subList(buyers, buyers + scanners)) {
      fixture.post(lists + "/" + listId + "/staff", organizer,
          new JsonObject().put("email", scanner.email()), 201);
      tokens.add(scanner.token());
    }
    // Shuffled, so a run's first scans are not one order's tickets after another.
    Collections.shuffle(codes);
    Files.write(Path.of(args[3]), codes);
    Files.write(Path.of(args[4]), tokens);
    System.out.println("LIST " + eventId + " " + listId);
  }

  /** Holds, checks out and pays for {@code quantity} tickets; answers their codes. */
  private static List<String> buy(Fixture fixture, String eventId, String token, int quantity)
      throws Exception {
    String key = UUID.randomUUID().toString();
    String holdId = fixture.post("/v1/events/" + eventId + "/holds", token, new JsonObject()
        .put("section", "GA").put("quantity", quantity), 201, key).getString("holdId");
    String paymentId = fixture.post("/v1/holds/" + holdId + "/checkout", token, null, 201,
        holdId).getString("paymentId");
    fixture.post("/v1/payments/" + paymentId + "/simulate", token,
        new JsonObject().put("outcome", "succeeded"), 202);
    long deadline = System.nanoTime() + 120_000_000_000L;
    while (System.nanoTime() < deadline) {
      HttpResponse<String> r = fixture.get("/v1/tickets?limit=100", token);
      JsonArray items = new JsonObject(r.body()).getJsonArray("items");
      if (r.statusCode() == 200 && items.size() == quantity) {
        List<String> codes = new ArrayList<>(quantity);
        items.forEach(t -> codes.add(((JsonObject) t).getString("code")));
        return codes;
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("the tickets of payment " + paymentId + " never came");
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }
}
