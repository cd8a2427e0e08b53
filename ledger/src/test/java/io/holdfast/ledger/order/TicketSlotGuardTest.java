package io.holdfast.ledger.order;

import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.infra.TestInfrastructure;
import io.holdfast.ledger.order.OrderLedger.Outcome;
import io.holdfast.ledger.order.OrderLedger.Ticket;
import io.holdfast.support.db.Database;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** PostgreSQL itself refuses a live ticket for a place its section does not have. */
@ExtendWith(VertxExtension.class)
@DisplayName("A ticket's slot in PostgreSQL")
class TicketSlotGuardTest {
  private Pool pool;
  private OrderLedger ledger;
  private UUID eventId;
  private UUID buyer;

  @BeforeEach
  void setUp(Vertx vertx) throws Exception {
    JsonObject config = TestInfrastructure.config();
    await(Database.migrate(vertx, config));
    pool = Database.pool(vertx, config);
    ledger = new OrderLedger(pool);
    buyer = UUID.randomUUID();
    eventId = UUID.randomUUID();
    await(pool.preparedQuery("insert into users (id, email, name, password_hash) "
        + "values ($1, $2, 'Slot buyer', 'none')").execute(Tuple.of(buyer, buyer + "@slot.test")));
    await(pool.preparedQuery("insert into events (id, organizer_id, name, starts_at, ends_at, "
        + "sales_start_at, sales_end_at, currency, max_per_buyer, hold_seconds, status) values "
        + "($1, $2, 'Slot night', now() + interval '2 days', now() + interval '3 days', now(), "
        + "now() + interval '2 days', 'EUR', 10, 300, 'on_sale')").execute(Tuple.of(eventId, buyer)));
    // GA: 3 places; A: row 1 of 2 seats, then row 2 of 3 (slots 0-1, then 2-4).
    await(pool.preparedQuery("insert into sections (event_id, id, position, name, kind, "
        + "price_cents, capacity, shards, rows) values ($1, $2, $3, $2, $4, 100, $5, 1, $6)")
        .executeBatch(List.of(Tuple.of(eventId, "GA", 0, "general", 3, null),
            Tuple.of(eventId, "A", 1, "reserved", 5, new JsonArray()
                .add(new JsonObject().put("label", "1").put("seats", 2))
                .add(new JsonObject().put("label", "2").put("seats", 3))))));
  }

  @AfterEach
  void tearDown() throws Exception {
    await(pool.close());
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.await(30, TimeUnit.SECONDS);
  }

  /** Settles a new succeeded payment with {@code tickets}, as the worker would. */
  private Future<Outcome> confirm(Ticket... tickets) throws Exception {
    UUID payment = UUID.randomUUID();
    await(pool.preparedQuery("insert into payments (id, hold_id, user_id, event_id, provider, "
            + "status, amount_cents, currency, client_secret) "
            + "values ($1, $2, $3, $4, 'simulated', 'processing', 100, 'EUR', 'x')")
        .execute(Tuple.of(payment, UUID.randomUUID(), buyer, eventId)));
    return ledger.payment(payment).compose(p -> ledger.confirm(p, UUID.randomUUID(),
        List.of(tickets), null));
  }

  /**
   * PostgreSQL refuses the tickets, and the ledger takes it as a sale that must not stand (the
   * payment is refunded) rather than a passing error that would be retried for ever.
   */
  private void assertRefused(Ticket... tickets) throws Exception {
    long before = liveTickets();
    assertThat(await(confirm(tickets))).as(List.of(tickets).toString())
        .isEqualTo(Outcome.DOUBLE_SALE);
    assertThat(liveTickets()).isEqualTo(before);
  }

  private long liveTickets() throws Exception {
    return await(pool.preparedQuery("select count(*) from tickets where event_id = $1 and "
        + "status <> 'void'").execute(Tuple.of(eventId))).iterator().next().getLong(0);
  }

  @Test
  @DisplayName("a general-admission slot outside 0..capacity-1, a seat beside it, or an unknown section is refused")
  void generalAdmission() throws Exception {
    assertRefused(new Ticket("GA", 3, null));
    assertRefused(new Ticket("GA", -1, null));
    assertRefused(new Ticket("GA", 0, null), new Ticket("GA", 1000, null));
    assertRefused(new Ticket("GA", 1, "GA-1-2"));
    assertRefused(new Ticket("NOPE", 0, null));
    assertThat(await(confirm(new Ticket("GA", 0, null), new Ticket("GA", 2, null))))
        .isEqualTo(Outcome.RECORDED);
    assertThat(await(pool.preparedQuery("select count(*) from tickets where event_id = $1")
        .execute(Tuple.of(eventId))).iterator().next().getLong(0)).isEqualTo(2);
  }

  @Test
  @DisplayName("a reserved slot must be the seat its seat ID names, inside the section")
  void reserved() throws Exception {
    assertRefused(new Ticket("A", 5, "A-2-4"));
    assertRefused(new Ticket("A", 2, "A-1-3"));
    assertRefused(new Ticket("A", 2, "A-2-2"));
    assertRefused(new Ticket("A", 0, null));
    assertRefused(new Ticket("A", 1, "B-1-2"));
    assertThat(await(confirm(new Ticket("A", 1, "A-1-2"), new Ticket("A", 2, "A-2-1"),
        new Ticket("A", 4, "A-2-3")))).isEqualTo(Outcome.RECORDED);
    // Voiding a ticket is never in the way.
    assertThat(await(pool.preparedQuery("update tickets set status = 'void' where event_id = $1")
        .execute(Tuple.of(eventId))).rowCount()).isEqualTo(3);
  }
  @Test
  @DisplayName("an update that moves a live ticket out of its section is refused; checking it in is not in the way")
  void updates() throws Exception {
    assertThat(await(confirm(new Ticket("GA", 1, null)))).isEqualTo(Outcome.RECORDED);
    assertThat(await(pool.preparedQuery("update tickets set status = 'used', "
        + "checked_in_at = now() where event_id = $1").execute(Tuple.of(eventId))).rowCount())
        .isEqualTo(1);
    Throwable moved = pool.preparedQuery("update tickets set slot = 7 where event_id = $1")
        .execute(Tuple.of(eventId)).toCompletionStage().toCompletableFuture()
        .handle((ok, failure) -> failure).get(30, TimeUnit.SECONDS);
    assertThat(moved).isNotNull().hasMessageContaining("23514");
    // A void ticket made live again is checked as a new one.
    await(pool.preparedQuery("update tickets set status = 'void', slot = 9 where event_id = $1")
        .execute(Tuple.of(eventId)));
    Throwable revived = pool.preparedQuery("update tickets set status = 'valid' "
        + "where event_id = $1").execute(Tuple.of(eventId)).toCompletionStage()
        .toCompletableFuture().handle((ok, failure) -> failure).get(30, TimeUnit.SECONDS);
    assertThat(revived).isNotNull().hasMessageContaining("23514");
  }
}
