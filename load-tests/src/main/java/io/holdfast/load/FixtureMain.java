package io.holdfast.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The benchmark's fixture from the command line: creates an on-sale event and registered buyers,
 * writes one access token per line to a file, and prints the event ID (last line of output).
 */
public final class FixtureMain {
  private FixtureMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 4 || args[0].equals("--help")) {
      System.out.println("Usage: FixtureMain BASE_URL BUYERS CAPACITY TOKENS_FILE "
          + "[MAX_PER_BUYER] [ORGANIZER_EMAIL] [PASSWORD]");
      System.exit(args.length > 0 && args[0].equals("--help") ? 0 : 2);
    }
    String baseUrl = args[0];
    int buyers = Integer.parseInt(args[1]);
    int capacity = Integer.parseInt(args[2]);
    Path tokens = Path.of(args[3]);
    int maxPerBuyer = args.length > 4 ? Integer.parseInt(args[4]) : 100;
    String organizer = args.length > 5 ? args[5] : "organizer@holdfast.dev";
    String password = args.length > 6 ? args[6] : "holdfast-demo";

    Fixture fixture = new Fixture(baseUrl);
    String eventId = fixture.createEvent(organizer, password, capacity, maxPerBuyer, 1800);
    System.out.println("  event " + eventId + " on sale, capacity " + capacity + " in "
        + Fixture.sectionsFor(capacity) + " general-admission sections");
    List<Fixture.Buyer> registered = fixture.registerBuyers(buyers, 32);
    Files.write(tokens, registered.stream().map(Fixture.Buyer::token).toList());
    System.out.println("  " + registered.size() + " buyer tokens written to " + tokens);
    System.out.println(eventId);
  }
}
