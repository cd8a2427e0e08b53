package io.holdfast.load;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What must hold after a chaos run, whatever failed during it, read from PostgreSQL, the API and
 * the run's trace (see the load tests' {@code Trace}): nothing oversold; no slot in two live
 * tickets; every succeeded payment ended as a confirmed order with tickets, or refunded; every
 * hold a buyer was granted ended in an order, was released or lapsed (none still held, none
 * forgotten); and the grid's counts agree with PostgreSQL's. First it waits (up to the settle
 * time) for payments in flight to settle and for unpaid holds to lapse. Prints one line per
 * check and exits 1 when any fails.
 */
public final class ChaosCheck {
  private static final Set<String> ENDED = Set.of("confirmed", "released", "expired");

  private final String baseUrl;
  private final String jdbcUrl;
  private final String eventId;
  private final HttpClient http = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5)).build();

  private ChaosCheck(String baseUrl, String pgUrl, String eventId) {
    this.baseUrl = baseUrl;
    this.jdbcUrl = jdbc(pgUrl);
    this.eventId = eventId;
  }

  public static void main(String[] args) throws Exception {
    if (args.length != 5) {
      System.err.println("Usage: ChaosCheck BASE_URL PG_URL EVENT_ID TRACE_FILE SETTLE_SECONDS");
      System.exit(2);
    }
    List<String> failed = verify(args[0], args[1], args[2], Path.of(args[3]),
        Integer.parseInt(args[4]));
    System.exit(failed.isEmpty() ? 0 : 1);
  }

  /** Runs every check until all pass or {@code settleSeconds} ran out; what failed last. */
  public static List<String> verify(String baseUrl, String pgUrl, String eventId, Path trace,
      int settleSeconds) throws Exception {
    return new ChaosCheck(baseUrl.replaceAll("/+$", ""), pgUrl, eventId)
        .run(trace, settleSeconds);
  }

  /** The postgresql://user[:pass]@host:port/db form the platform takes, as a JDBC URL. */
  static String jdbc(String url) {
    URI uri = URI.create(url);
    String[] user = uri.getUserInfo() == null ? new String[] {"postgres"}
        : uri.getUserInfo().split(":", 2);
    return "jdbc:postgresql://" + uri.getHost() + ":" + uri.getPort() + uri.getPath()
        + "?user=" + user[0] + (user.length > 1 ? "&password=" + user[1] : "");
  }

  private List<String> run(Path traceFile, int settleSeconds) throws Exception {
    List<String[]> granted = new ArrayList<>();
    for (String line : Files.readAllLines(traceFile)) {
      String[] f = line.split(",", -1);
      if (f.length >= 6 && f[1].equals("hold") && f[2].equals("201")) {
        granted.add(f);
      }
    }
    long deadline = System.currentTimeMillis() + settleSeconds * 1000L;
    List<String> failed;
    while (true) {
      failed = checks(granted);
      if (failed.isEmpty() || System.currentTimeMillis() > deadline) {
        break;
      }
      Thread.sleep(3000);
    }
    for (String f : failed) {
      System.out.println("FAILED " + f);
    }
    System.out.println("RESULT invariants=" + (failed.isEmpty() ? "ok" : "FAILED")
        + " holds_granted=" + granted.size());
    return failed;
  }

  /** Every check once; what fails, each a sentence (only the first few of a kind). */
  private List<String> checks(List<String[]> granted) throws Exception {
    List<String> failed = new ArrayList<>();
    Map<String, Integer> live = new HashMap<>();
    try (Connection db = DriverManager.getConnection(jdbcUrl)) {
      query(db, """
          select s.id, s.capacity, count(t.id) filter (where t.status <> 'void')
          from sections s left join tickets t on t.event_id = s.event_id and t.section_id = s.id
          where s.event_id = ?::uuid group by s.id, s.capacity""", rs -> {
            live.put(rs.getString(1), rs.getInt(3));
            if (rs.getInt(3) > rs.getInt(2)) {
              failed.add("section " + rs.getString(1) + " oversold: " + rs.getInt(3)
                  + " live tickets for " + rs.getInt(2) + " places");
            }
          });
      query(db, """
          select section_id, slot, count(*) from tickets
          where event_id = ?::uuid and status <> 'void'
          group by section_id, slot having count(*) > 1 limit 5""", rs ->
          failed.add("slot " + rs.getString(1) + "/" + rs.getInt(2) + " is in " + rs.getInt(3)
              + " live tickets"));
      query(db, """
          select p.id, coalesce(o.status, 'no order') from payments p
          left join orders o on o.payment_id = p.id
          where p.event_id = ?::uuid and p.status = 'succeeded'
            and (o.id is null or o.status <> 'confirmed'
              or not exists (select 1 from tickets t where t.order_id = o.id))
          limit 5""", rs -> failed.add("payment " + rs.getString(1) + " succeeded, and its "
          + "order is " + rs.getString(2) + " (a paid order must have tickets or a refund)"));
      Map<String, Boolean> ordered = new HashMap<>();
      query(db, "select hold_id::text, status from orders where event_id = ?::uuid",
          rs -> ordered.put(rs.getString(1), "confirmed".equals(rs.getString(2))));
      holds(granted, ordered, failed);
    }
    grid(live, failed);
    return failed;
  }

  /** Each granted hold read back with its buyer's token: over, and confirmed only with an order. */
  private void holds(List<String[]> granted, Map<String, Boolean> ordered, List<String> failed)
      throws Exception {
    int reported = 0;
    for (String[] hold : granted) {
      if (reported >= 5) {
        break;
      }
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(
              URI.create(baseUrl + "/v1/holds/" + hold[3]))
          .header("Authorization", "Bearer " + hold[5]).timeout(Duration.ofSeconds(10))
          .GET().build(), HttpResponse.BodyHandlers.ofString());
      String problem = null;
      if (r.statusCode() != 200) {
        problem = "answers " + r.statusCode() + " " + r.body();
      } else {
        String status = new JsonObject(r.body()).getString("status");
        if (!ENDED.contains(status)) {
          problem = "is still " + status;
        } else if (status.equals("confirmed") && !Boolean.TRUE.equals(ordered.get(hold[3]))) {
          problem = "is confirmed without a confirmed order";
        }
      }
      if (problem != null) {
        failed.add("hold " + hold[3] + " granted at " + hold[0] + " " + problem);
        reported++;
      }
    }
  }

  /** The grid's counts: nothing held once every hold is over, and sold as PostgreSQL says. */
  private void grid(Map<String, Integer> live, List<String> failed) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(
            URI.create(baseUrl + "/v1/events/" + eventId + "/availability"))
        .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      failed.add("availability answers " + r.statusCode() + " " + r.body());
      return;
    }
    JsonArray sections = new JsonObject(r.body()).getJsonArray("sections", new JsonArray());
    for (int i = 0; i < sections.size(); i++) {
      JsonObject s = sections.getJsonObject(i);
      String id = s.getString("sectionId");
      if (s.getInteger("held") != 0) {
        failed.add("section " + id + " still has " + s.getInteger("held") + " held in the grid");
      }
      int pg = live.getOrDefault(id, 0);
      if (s.getInteger("sold") != pg) {
        failed.add("section " + id + ": the grid says " + s.getInteger("sold")
            + " sold, PostgreSQL has " + pg + " live tickets");
      }
      if (s.getInteger("capacity") != s.getInteger("available") + s.getInteger("held")
          + s.getInteger("sold")) {
        failed.add("section " + id + ": capacity != available + held + sold in the grid");
      }
    }
  }

  @FunctionalInterface
  private interface Row {
    void accept(ResultSet rs) throws Exception;
  }

  private void query(Connection db, String sql, Row row) throws Exception {
    try (PreparedStatement st = db.prepareStatement(sql)) {
      st.setString(1, eventId);
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          row.accept(rs);
        }
      }
    }
  }
}
