package io.holdfast.app;

import io.holdfast.app.RulesModel.Event;
import io.holdfast.app.RulesModel.Keeps;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The rules a model-based run checks against the platform itself: after every step, on the
 * answers it gave, and once everything settled. PostgreSQL is read directly; the grid through
 * the public availability route.
 */
final class ModelChecks {
  private final Api api;
  private final RulesModel model;
  private final List<String> buyerIds;

  ModelChecks(Api api, RulesModel model, List<String> buyerIds) {
    this.api = api;
    this.model = model;
    this.buyerIds = buyerIds;
  }

  /**
   * After every step: no seat or slot in two live tickets, none beyond its section, no buyer
   * past the event's limit; the touched event's counts add up to its capacity and show what the
   * model says is sold; and each buyer owns what the model says.
   */
  void afterStep(Event touched) {
    UUID[] ids = model.events.stream().map(e -> UUID.fromString(e.id)).toArray(UUID[]::new);
    zero(ids, "slots in two live tickets", "select count(*) from (select 1 from tickets "
        + "where event_id = any($1) and status <> 'void' group by event_id, section_id, slot "
        + "having count(*) > 1) twice");
    zero(ids, "live tickets beyond their section", "select count(*) from tickets t join "
        + "sections s on s.event_id = t.event_id and s.id = t.section_id where t.event_id = "
        + "any($1) and t.status <> 'void' and (t.slot < 0 or t.slot >= s.capacity)");
    zero(ids, "buyers past maxPerBuyer", "select count(*) from (select event_id, holder_id, "
        + "count(*) n from tickets where event_id = any($1) and status <> 'void' group by "
        + "event_id, holder_id) x join events e on e.id = x.event_id where x.n > "
        + "e.max_per_buyer");
    if (touched.selling()) {
      JsonObject counts = api.availability(touched.id);
      requireAddsUp(touched, counts);
      if (counts.getInteger("sold") != model.sold(touched)) {
        throw new ModelViolation("event " + touched.index + " shows " + counts.getInteger("sold")
            + " sold; the model sold " + model.sold(touched) + ": " + counts.encode());
      }
    }
    Map<String, Long> owned = new HashMap<>();
    rows("select holder_id::text, count(*) from tickets where event_id = $1::uuid and status "
        + "<> 'void' group by holder_id", touched.id)
        .forEach(r -> owned.put(r.getString(0), r.getLong(1)));
    for (int b = 0; b < buyerIds.size(); b++) {
      long expected = model.tickets(touched, b);
      if (owned.getOrDefault(buyerIds.get(b), 0L) != expected) {
        throw new ModelViolation("buyer " + b + " owns " + owned.getOrDefault(buyerIds.get(b),
            0L) + " live tickets of event " + touched.index + "; the model says " + expected);
      }
    }
  }

  /** A granted hold: the quantity, price and seats asked for, seats free and side by side. */
  void grant(Event e, JsonObject grant, int quantity, List<String> seats, boolean together,
      long asked) {
    JsonArray got = grant.getJsonArray("seats", new JsonArray());
    boolean reserved = seats != null || together;
    long price = reserved ? e.seatPrice : e.gaPrice;
    if (grant.getInteger("quantity") != quantity
        || grant.getLong("amountCents") != price * quantity
        || (reserved ? got.size() != quantity : !got.isEmpty())
        || seats != null && !new HashSet<>(seats).equals(new HashSet<>(got.getList()))) {
      throw new ModelViolation("hold of " + quantity + " on event " + e.index + " (seats "
          + seats + ") was granted as " + grant.encode());
    }
    for (Object seat : got) {
      if (model.seatTaken(e, (String) seat, null, asked) == Keeps.YES) {
        throw new ModelViolation("seat " + seat + " of event " + e.index
            + " was granted while another hold keeps it: " + grant.encode());
      }
    }
    if (together) {
      Set<Integer> rows = new HashSet<>();
      int min = Integer.MAX_VALUE;
      int max = Integer.MIN_VALUE;
      for (Object seat : got) {
        String[] parts = ((String) seat).split("-");
        rows.add(Integer.parseInt(parts[1]));
        min = Math.min(min, Integer.parseInt(parts[2]));
        max = Math.max(max, Integer.parseInt(parts[2]));
      }
      if (rows.size() != 1 || max - min + 1 != quantity) {
        throw new ModelViolation("seats together were granted apart: " + got.encode());
      }
    }
  }

  /**
   * Once everything settled: every payment ended as tickets or as a refund (never both, never
   * neither, amounts matching), and the grid shows exactly the seats PostgreSQL says are sold.
   */
  void settled() {
    UUID[] ids = model.events.stream().map(e -> UUID.fromString(e.id)).toArray(UUID[]::new);
    ModelRun.await("every payment settled", () -> api.count("select count(*) from payments "
        + "where event_id = any($1) and status = 'processing'", (Object) ids) == 0);
    zero(ids, "payments whose orders disagree with them", "select count(*) from payments p "
        + "where p.event_id = any($1) and case p.status "
        + "when 'succeeded' then (select count(*) from orders o where o.payment_id = p.id and "
        + "o.status = 'confirmed' and o.amount_cents = p.amount_cents) <> 1 "
        + "when 'refunded' then exists (select 1 from orders o where o.payment_id = p.id and "
        + "o.status = 'confirmed') "
        + "else exists (select 1 from orders o where o.payment_id = p.id) end");
    zero(ids, "confirmed orders whose live tickets do not add up to their amount", "select "
        + "count(*) from orders o where o.event_id = any($1) and o.status = 'confirmed' and "
        + "o.amount_cents <> (select coalesce(sum(s.price_cents), 0) from tickets t join "
        + "sections s on s.event_id = t.event_id and s.id = t.section_id where t.order_id = "
        + "o.id and t.status <> 'void')");
    zero(ids, "refunded orders with live tickets", "select count(*) from orders o where "
        + "o.event_id = any($1) and o.status <> 'confirmed' and exists (select 1 from tickets "
        + "t where t.order_id = o.id and t.status <> 'void')");
    for (Event e : model.events) {
      if (!e.selling()) {
        continue;
      }
      JsonObject counts = api.availability(e.id);
      long live = api.count("select count(*) from tickets where event_id = $1::uuid and "
          + "status <> 'void'", e.id);
      if (counts.getInteger("sold") != live) {
        throw new ModelViolation("event " + e.index + ": the grid sold "
            + counts.getInteger("sold") + ", PostgreSQL has " + live + " live tickets");
      }
      Set<String> sold = new HashSet<>();
      rows("select seat from tickets where event_id = $1::uuid and status <> 'void' and seat "
          + "is not null", e.id).forEach(r -> sold.add(r.getString(0)));
      Set<String> shown = new HashSet<>();
      for (Object s : counts.getJsonArray("sections")) {
        JsonObject section = (JsonObject) s;
        for (Object r : section.getJsonArray("rows", new JsonArray())) {
          JsonObject row = (JsonObject) r;
          String states = row.getString("seats");
          for (int k = 0; k < states.length(); k++) {
            if (states.charAt(k) == 's') {
              shown.add(section.getString("sectionId") + "-" + row.getString("label") + "-"
                  + (k + 1));
            }
          }
        }
      }
      if (!shown.equals(sold)) {
        throw new ModelViolation("event " + e.index + ": the seat map shows " + shown
            + " sold, PostgreSQL " + sold);
      }
    }
  }

  private void requireAddsUp(Event e, JsonObject counts) {
    boolean sound = counts.getInteger("capacity") == e.capacity()
        && counts.getInteger("sold") + counts.getInteger("held")
        + counts.getInteger("available") == e.capacity();
    for (Object s : counts.getJsonArray("sections")) {
      JsonObject section = (JsonObject) s;
      sound &= section.getInteger("sold") + section.getInteger("held")
          + section.getInteger("available") == section.getInteger("capacity");
    }
    if (!sound) {
      throw new ModelViolation("event " + e.index + " (capacity " + e.capacity()
          + ") does not add up: " + counts.encode());
    }
  }

  /** The whole grid restarts empty; a node rebuilds it from PostgreSQL before selling again. */
  static void coldRestart(Api api) {
    api.wipeGrid();
    api.rebuildGrid();
    // Core batchers keep an event they saw for up to a second: let them forget the old grid.
    ModelRun.sleep(1_100);
  }

  private void zero(UUID[] ids, String what, String sql) {
    long n = api.count(sql, (Object) ids);
    if (n != 0) {
      throw new ModelViolation(n + " " + what);
    }
  }

  private Iterable<Row> rows(String sql, Object... params) {
    return Api.await(api.sql.preparedQuery(sql).execute(Tuple.wrap(params)));
  }
}
