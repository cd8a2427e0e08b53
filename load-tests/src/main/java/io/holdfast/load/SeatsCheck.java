package io.holdfast.load;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The seats benchmark's invariants, read back through {@code GET availability} of every event
 * it sold: in each section capacity = available + held + sold, and in a reserved section the
 * seat map agrees with the counts; the tickets held outside the probe section lie between the
 * tickets the load was granted and that plus what wrk cut off in flight. Prints a RESULT line;
 * exits 1 when an invariant fails.
 */
public final class SeatsCheck {
  private SeatsCheck() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 4) {
      System.err.println("Usage: SeatsCheck BASE_URL GRANTED_TICKETS SLACK_TICKETS EVENTS_FILE...");
      System.exit(2);
    }
    Fixture fixture = new Fixture(args[0]);
    long granted = Long.parseLong(args[1]);
    long slack = Long.parseLong(args[2]);
    List<String> problems = new ArrayList<>();
    long held = 0;
    long seatsHeld = 0;
    int events = 0;
    for (int i = 3; i < args.length; i++) {
      for (String id : Files.readAllLines(Path.of(args[i]))) {
        if (id.isBlank()) {
          continue;
        }
        events++;
        JsonObject a = fixture.availability(id);
        JsonArray sections = a.getJsonArray("sections", new JsonArray());
        for (int s = 0; s < sections.size(); s++) {
          JsonObject sec = sections.getJsonObject(s);
          String name = id + "/" + sec.getString("sectionId");
          int capacity = sec.getInteger("capacity");
          int h = sec.getInteger("held");
          int sold = sec.getInteger("sold");
          if (capacity != sec.getInteger("available") + h + sold) {
            problems.add(name + ": capacity != available + held + sold");
          }
          if (!Fixture.PROBE_SECTION.equals(sec.getString("sectionId"))) {
            held += h + sold;
          }
          JsonArray rows = sec.getJsonArray("rows");
          if (rows != null) {
            int[] states = new int[128];
            for (int r = 0; r < rows.size(); r++) {
              rows.getJsonObject(r).getString("seats").chars().forEach(c -> states[c & 127]++);
            }
            seatsHeld += states['h'];
            if (states['h'] != h || states['s'] != sold || states['f'] + states['h']
                + states['s'] != capacity) {
              problems.add(name + ": seat map disagrees with the counts");
            }
          }
        }
      }
    }
    if (held < granted || held > granted + slack) {
      problems.add(held + " tickets held but " + granted + " granted (+ up to " + slack
          + " cut off in flight)");
    }
    System.out.printf("RESULT events=%d held=%d granted=%d seats_held=%d invariants=%s%n",
        events, held, granted, seatsHeld, problems.isEmpty() ? "ok"
            : "FAILED:" + String.join(";", problems.subList(0, Math.min(5, problems.size())))
                .replace(' ', '_'));
    System.exit(problems.isEmpty() ? 0 : 1);
  }
}
