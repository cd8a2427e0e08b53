package io.holdfast.app;

import static io.holdfast.testkit.http.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.ledger.ticket.CodePayload;
import io.holdfast.ledger.ticket.TicketCodes;
import io.holdfast.ledger.ticket.TicketCodes.Result;
import io.holdfast.support.crypto.PlatformKey;
import io.holdfast.support.jobs.HousekeepingVerticle;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Signed ticket codes")
class TicketCodesTest extends TicketTestBase {
  /** The start of every Ed25519 PKCS#8 private key (RFC 8410). */
  private static final byte[] PKCS8_HEADER = HexFormat.of().parseHex("302e020100300506032b657004220420");

  private TicketCodes codes;

  @BeforeEach
  void codes(Vertx vertx) {
    codes = new TicketCodes(vertx, api.sql, PlatformKey.of(api.platform.config()));
  }

  @AfterEach
  void release() {
    Api.await(codes.close());
  }

  @Test
  @DisplayName("a bought ticket's code names it and verifies with the key the event publishes, read with the JDK alone")
  void verifiesWithThePublishedKey() throws Exception {
    String eventId = org.onSale(organizer, Organizing.body("Signed night", 10));
    String buyer = api.buyers(1).get(0);
    String orderId = org.buy(buyer, eventId, 2);
    List<JsonObject> tickets = tickets(buyer, orderId);
    PublicKey key = publishedKey(eventId);

    for (JsonObject ticket : tickets) {
      String code = ticket.getString("code");
      assertThat(code).matches("^[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$");
      assertThat(code.length()).isLessThan(200);
      assertThat(verifies(key, code)).as(code).isTrue();
      CodePayload payload = CodePayload.decode(Base64.getUrlDecoder().decode(code.split("\\.")[0]));
      assertThat(payload).isEqualTo(new CodePayload(UUID.fromString(ticket.getString("ticketId")),
          UUID.fromString(eventId), 1, "GA", ticket.getInteger("slot"), null));
      assertThat(ticket.getInteger("version")).isEqualTo(1);
      TicketCodes.Check check = Api.await(codes.check(code));
      assertThat(check.result()).isEqualTo(Result.VALID);
      assertThat(check.payload()).isEqualTo(payload);
    }
    // The door still finds the ticket by its code.
    JsonObject scanned = checkIn(organizer, tickets.get(0).getString("code")).bodyAsJsonObject();
    assertThat(scanned.encode()).contains(tickets.get(0).getString("ticketId"));
  }

  @Test
  @DisplayName("a changed byte anywhere, a truncated code or another event's code does not verify")
  void tamperingFails() throws Exception {
    String eventId = org.onSale(organizer, Organizing.body("Tamper night", 10));
    String otherEvent = org.onSale(organizer, Organizing.body("Other night", 10));
    String buyer = api.buyers(1).get(0);
    String code = tickets(buyer, org.buy(buyer, eventId, 1)).get(0).getString("code");
    String foreign = tickets(buyer, org.buy(buyer, otherEvent, 1)).get(0).getString("code");
    PublicKey key = publishedKey(eventId);
    byte[] payload = Base64.getUrlDecoder().decode(code.split("\\.")[0]);
    byte[] signature = Base64.getUrlDecoder().decode(code.split("\\.")[1]);
    assertThat(verifies(key, payload, signature)).isTrue();

    for (int i = 0; i < payload.length; i++) {
      byte[] changed = payload.clone();
      changed[i] ^= 0x01;
      assertThat(verifies(key, changed, signature)).as("payload byte %d", i).isFalse();
      Result result = Api.await(codes.check(encode(changed, signature))).result();
      assertThat(result).as("payload byte %d", i).isIn(Result.MALFORMED, Result.INVALID_SIGNATURE);
    }
    for (int i = 0; i < signature.length; i++) {
      byte[] changed = signature.clone();
      changed[i] ^= (byte) 0x80;
      assertThat(verifies(key, payload, changed)).as("signature byte %d", i).isFalse();
      assertThat(Api.await(codes.check(encode(payload, changed))).result())
          .as("signature byte %d", i).isEqualTo(Result.INVALID_SIGNATURE);
    }
    for (String truncated : List.of(code.substring(0, code.length() - 1),
        code.substring(0, code.length() - 4), code.substring(0, code.indexOf('.') + 1),
        code.substring(0, code.indexOf('.')))) {
      assertThat(verifies(key, truncated)).as(truncated).isFalse();
      assertThat(Api.await(codes.check(truncated)).valid()).as(truncated).isFalse();
    }
    assertThat(Api.await(codes.check("not a code")).result()).isEqualTo(Result.MALFORMED);
    assertThat(Api.await(codes.check(code + "x")).result()).isEqualTo(Result.MALFORMED);

    // Signed by the other event's key: valid there, not with this event's key; and a payload
    // moved to this event under the other's signature is refused.
    assertThat(verifies(key, foreign)).isFalse();
    assertThat(verifies(publishedKey(otherEvent), foreign)).isTrue();
    assertThat(publishedKey(otherEvent)).isNotEqualTo(key);
    CodePayload moved = CodePayload.decode(Base64.getUrlDecoder().decode(foreign.split("\\.")[0]));
    CodePayload here = new CodePayload(moved.ticketId(), UUID.fromString(eventId),
        moved.version(), moved.sectionId(), moved.slot(), moved.seat());
    assertThat(Api.await(codes.check(encode(here.encode(),
        Base64.getUrlDecoder().decode(foreign.split("\\.")[1])))).result())
        .isEqualTo(Result.INVALID_SIGNATURE);
  }

  @Test
  @DisplayName("the event's private key is in PostgreSQL sealed, never as the plain PKCS#8, and opens to the published key's pair")
  void privateKeySealed() throws Exception {
    String eventId = org.onSale(organizer, Organizing.body("Sealed night", 10));
    String buyer = api.buyers(1).get(0);
    tickets(buyer, org.buy(buyer, eventId, 1));
    Row row = Api.await(api.sql.preparedQuery("select kid, public_key, private_key from "
        + "ticket_keys where event_id = $1").execute(Tuple.of(UUID.fromString(eventId))))
        .iterator().next();
    byte[] sealed = row.getBuffer("private_key").getBytes();
    assertThat(indexOf(sealed, PKCS8_HEADER)).isEqualTo(-1);
    byte[] plain = PlatformKey.of(api.platform.config()).open("ticket-keys", sealed);
    assertThat(Arrays.copyOf(plain, PKCS8_HEADER.length)).isEqualTo(PKCS8_HEADER);
    assertThat(indexOf(sealed, Arrays.copyOfRange(plain, PKCS8_HEADER.length, plain.length)))
        .isEqualTo(-1);
    EdECPrivateKey privateKey = (EdECPrivateKey) KeyFactory.getInstance("Ed25519")
        .generatePrivate(new PKCS8EncodedKeySpec(plain));
    assertThat(privateKey.getBytes()).isPresent();
    assertThat(ticketKeys(eventId).getJsonArray("keys").getJsonObject(0).getString("kid"))
        .isEqualTo(row.getString("kid"));
  }

  @Test
  @DisplayName("a ticket a crash left unsigned is signed when its holder reads it, or by housekeeping, to the same code")
  void unsignedTicketsAreSigned() {
    String eventId = org.onSale(organizer, Organizing.body("Crash night", 10));
    String buyer = api.buyers(1).get(0);
    String orderId = org.buy(buyer, eventId, 2);
    List<JsonObject> tickets = tickets(buyer, orderId);
    String first = tickets.get(0).getString("ticketId");
    String second = tickets.get(1).getString("ticketId");

    api.count("with u as (update tickets set code = null where order_id = $1::uuid returning 1) "
        + "select count(*) from u", orderId);
    assertThat(ticket(buyer, first).getString("code")).isEqualTo(tickets.get(0).getString("code"));

    api.count("with u as (update tickets set code = null, created_at = created_at - interval "
        + "'1 minute' where id = $1::uuid returning 1) select count(*) from u", second);
    HousekeepingVerticle.run(api.sql, List.of(TicketCodes.chore(api.platform.vertx(),
        PlatformKey.of(api.platform.config())))).await();
    assertThat(api.count("select count(*) from tickets where id = $1::uuid and code = $2",
        second, tickets.get(1).getString("code"))).isEqualTo(1);
  }

  @Test
  @DisplayName("an unknown event has no ticket keys (404), and an event that sold nothing has none yet")
  void keysOfUnknownEvents() {
    assertProblem(api.call(HttpMethod.GET, "/v1/events/" + UUID.randomUUID() + "/ticket-keys",
        null, null), 404, "not-found");
    assertProblem(api.call(HttpMethod.GET, "/v1/events/nope/ticket-keys", null, null), 404,
        "not-found");
    String eventId = org.onSale(organizer, Organizing.body("Quiet night", 10));
    assertThat(ticketKeys(eventId).getJsonArray("keys")).isEmpty();
  }

  private static String encode(byte[] payload, byte[] signature) {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    return b64.encodeToString(payload) + "." + b64.encodeToString(signature);
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
        return i;
      }
    }
    return -1;
  }
}
