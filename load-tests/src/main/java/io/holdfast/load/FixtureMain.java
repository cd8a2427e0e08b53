package io.holdfast.load;

import io.vertx.core.json.JsonArray;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark's fixture from the command line: creates an on-sale event and registered buyers,
 * writes one access token per line to a file, and prints the event ID (last line of output).
 * Options make it a stadium of reserved sections instead, several events alike, or events only.
 */
public final class FixtureMain {
  private FixtureMain() {}

  private static final String USAGE = """
      Usage: FixtureMain [options] BASE_URL BUYERS CAPACITY TOKENS_FILE [MAX_PER_BUYER] \
      [ORGANIZER_EMAIL] [PASSWORD]
        Creates an event of CAPACITY general-admission tickets (sections GA, GA2, ... of at most
        1,000,000), registers BUYERS buyers and writes their tokens to TOKENS_FILE (BUYERS 0:
        none registered, nothing written), prints the event ID last.
      Options:
        --stadium=SxRxN      reserved sections S1..S<S> of R rows of N seats each, instead of
                             general admission (CAPACITY is then ignored); 40x30x50 = 60,000 seats
        --probe=CAPACITY     also a general-admission section P of CAPACITY, first in the event,
                             for SeatMapViewers' probe holds (the load never touches it)
        --events=N           create N events alike (default 1)
        --events-file=PATH   write the events' IDs there, one a line
      """;

  public static void main(String[] args) throws Exception {
    List<String> positional = new ArrayList<>();
    int[] stadium = null;
    int probe = 0;
    int events = 1;
    Path eventsFile = null;
    for (String arg : args) {
      if (arg.equals("--help") || arg.equals("-h")) {
        System.out.print(USAGE);
        return;
      } else if (arg.startsWith("--stadium=")) {
        String[] p = arg.substring(10).split("x");
        stadium = new int[] {Integer.parseInt(p[0]), Integer.parseInt(p[1]),
            Integer.parseInt(p[2])};
      } else if (arg.startsWith("--probe=")) {
        probe = Integer.parseInt(arg.substring(8));
      } else if (arg.startsWith("--events=")) {
        events = Integer.parseInt(arg.substring(9));
      } else if (arg.startsWith("--events-file=")) {
        eventsFile = Path.of(arg.substring(14));
      } else if (arg.startsWith("--")) {
        System.err.println("unknown option " + arg);
        System.err.print(USAGE);
        System.exit(2);
      } else {
        positional.add(arg);
      }
    }
    if (positional.size() < 4) {
      System.err.print(USAGE);
      System.exit(2);
    }
    String baseUrl = positional.get(0);
    int buyers = Integer.parseInt(positional.get(1));
    int capacity = Integer.parseInt(positional.get(2));
    Path tokens = Path.of(positional.get(3));
    int maxPerBuyer = positional.size() > 4 ? Integer.parseInt(positional.get(4)) : 100;
    String organizer = positional.size() > 5 ? positional.get(5) : "organizer@holdfast.dev";
    String password = positional.size() > 6 ? positional.get(6) : "holdfast-demo";

    JsonArray sections = stadium == null ? Fixture.sections(capacity)
        : Fixture.stadium(stadium[0], stadium[1], stadium[2]);
    String shape = stadium == null
        ? "capacity " + capacity + " in " + Fixture.sectionsFor(capacity)
            + " general-admission sections"
        : stadium[0] * stadium[1] * stadium[2] + " reserved seats in " + stadium[0]
            + " sections of " + stadium[1] + " rows x " + stadium[2] + " seats";
    if (probe > 0) {
      JsonArray withProbe = new JsonArray().add(Fixture.probeSection(probe));
      sections.forEach(withProbe::add);
      sections = withProbe;
      shape += ", probe section " + Fixture.PROBE_SECTION + " of " + probe;
    }
    Fixture fixture = new Fixture(baseUrl);
    List<String> ids = new ArrayList<>(events);
    long began = System.nanoTime();
    for (int i = 0; i < events; i++) {
      ids.add(fixture.createEvent(organizer, password, sections, maxPerBuyer, 1800));
    }
    System.out.printf("  %d event(s) on sale (%.1f s), each %s%n", events,
        (System.nanoTime() - began) / 1e9, shape);
    if (eventsFile != null) {
      Files.write(eventsFile, ids);
      System.out.println("  event IDs written to " + eventsFile);
    }
    if (buyers > 0) {
      List<Fixture.Buyer> registered = fixture.registerBuyers(buyers, 32);
      Files.write(tokens, registered.stream().map(Fixture.Buyer::token).toList());
      System.out.println("  " + registered.size() + " buyer tokens written to " + tokens);
    }
    System.out.println(ids.get(0));
  }
}
