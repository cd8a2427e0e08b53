package io.holdfast.load;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;

/**
 * After a check-in benchmark: the door's counts must agree with what the scanners were told.
 * Every admission checked exactly one ticket in; the platform admitted what wrk saw admitted,
 * plus at most CUT scans whose answers wrk stopped waiting for; and it refused at least the
 * duplicates wrk saw. Prints one RESULT line.
 */
public final class CheckinCheck {
  private CheckinCheck() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 5) {
      System.err.println("Usage: CheckinCheck BASE_URL EVENT_ID ADMITTED DUPLICATES CUT "
          + "[ORGANIZER_EMAIL] [PASSWORD]");
      System.exit(2);
    }
    long admitted = Long.parseLong(args[2]);
    long duplicates = Long.parseLong(args[3]);
    long cut = Long.parseLong(args[4]);
    Fixture fixture = new Fixture(args[0]);
    String token = fixture.post("/v1/auth/login", null, new JsonObject()
        .put("email", args.length > 5 ? args[5] : "organizer@holdfast.dev")
        .put("password", args.length > 6 ? args[6] : "holdfast-demo"), 200)
        .getString("accessToken");
    HttpResponse<String> r = fixture.get("/v1/events/" + args[1] + "/checkin-counts", token);
    JsonObject event = new JsonObject(r.body()).getJsonObject("event");
    String verdict = "ok";
    if (!event.getLong("admitted").equals(event.getLong("checkedIn"))) {
      verdict = "FAILED:admitted-scans-" + event.getLong("admitted") + "-but-tickets-checked-in-"
          + event.getLong("checkedIn");
    } else if (event.getLong("admitted") < admitted
        || event.getLong("admitted") > admitted + cut) {
      verdict = "FAILED:" + admitted + "-admitted-by-wrk-but-" + event.getLong("admitted")
          + "-recorded";
    } else if (event.getLong("duplicates") < duplicates) {
      verdict = "FAILED:" + duplicates + "-duplicates-seen-but-" + event.getLong("duplicates")
          + "-recorded";
    } else if (event.getLong("refused") != 0 || event.getLong("reentered") != 0) {
      verdict = "FAILED:unexpected-refusals-" + event.getJsonObject("refusedBy").encode();
    }
    System.out.printf("RESULT invariants=%s scans=%d admitted=%d duplicates=%d checked_in=%d "
            + "tickets=%d%n", verdict, event.getLong("scans"), event.getLong("admitted"),
        event.getLong("duplicates"), event.getLong("checkedIn"), event.getLong("tickets"));
  }
}
