package io.holdfast.app;

import static io.holdfast.testkit.http.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.ledger.ticket.RotatingCodes;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The door reads signed codes: a changed byte, a truncated code or another event's code is
 * refused precisely and changes nothing; a transferred ticket's old code is revoked; an event
 * whose door takes rotating codes only refuses the plain code and a stale one-time password.
 */
@DisplayName("The door and signed codes")
class SignedCodeDoorTest extends TicketTestBase {
  /** The code with one bit of its byte {@code index} (of the decoded payload) flipped. */
  private static String flipped(String code, int index) {
    String[] parts = code.split("\\.");
    byte[] payload = Base64.getUrlDecoder().decode(parts[0]);
    payload[index] ^= 0x01;
    return Base64.getUrlEncoder().withoutPadding().encodeToString(payload) + "." + parts[1];
  }

  @Test
  @DisplayName("a changed byte, a truncated code, a foreign signature and plain junk are refused, recorded as such, and the ticket still gets in")
  void forgedCodes() throws Exception {
    String eventId = org.onSale(organizer, Organizing.body("Forgers' night", 10));
    String buyer = api.buyers(1).get(0);
    JsonObject ticket = tickets(buyer, org.buy(buyer, eventId, 1)).get(0);
    String code = ticket.getString("code");
    assertThat(verifies(publishedKey(eventId), code)).isTrue();
    String list = newList(organizer, eventId, new JsonObject().put("name", "Main")).getString("id");

    // The slot's last byte changed: the payload still reads, the signature does not verify.
    assertProblem(scanAt(organizer, flipped(code, 40), list), 422, "invalid-signature");
    // The signature cut short.
    byte[] signature = Base64.getUrlDecoder().decode(code.split("\\.")[1]);
    assertProblem(scanAt(organizer, code.split("\\.")[0] + "." + Base64.getUrlEncoder()
        .withoutPadding().encodeToString(Arrays.copyOf(signature, 60)), list), 422,
        "invalid-signature");
    // The payload of this ticket under the signature of another.
    String other = tickets(buyer, org.buy(buyer, eventId, 1)).get(0).getString("code");
    assertProblem(scanAt(organizer, code.split("\\.")[0] + "." + other.split("\\.")[1], list),
        422, "invalid-signature");
    // A payload cut short, and a character too many.
    assertProblem(scanAt(organizer, code.substring(0, 20) + "." + code.split("\\.")[1], list),
        422, "invalid-signature");
    assertProblem(scanAt(organizer, code + "x", list), 422, "invalid-signature");
    // Not a code at all.
    assertProblem(scanAt(organizer, "not-a-code", list), 404, "unknown-ticket");
    assertThat(api.count("select count(*) from scans where list_id = $1::uuid "
        + "and result = 'invalid-signature'", list)).isEqualTo(5L);
    assertThat(ticketStatus(ticket.getString("ticketId"))).isEqualTo("valid");

    HttpResponse<Buffer> in = scanAt(organizer, code, list);
    assertThat(in.statusCode()).as(in.bodyAsString()).isEqualTo(200);
  }

  @Test
  @DisplayName("after a transfer the old code is revoked at the door, online and in an offline upload; the new code gets in once")
  void transferRevokes() {
    String eventId = org.onSale(organizer, Organizing.body("Handed on", 10));
    List<String> buyers = api.buyers(2);
    JsonObject before = tickets(buyers.get(0), org.buy(buyers.get(0), eventId, 1)).get(0);
    String ticketId = before.getString("ticketId");
    HttpResponse<Buffer> moved = transfer(buyers.get(0), ticketId,
        me(buyers.get(1)).getString("email"));
    assertThat(moved.statusCode()).as(moved.bodyAsString()).isEqualTo(200);
    String list = newList(organizer, eventId, new JsonObject().put("name", "Gate")).getString("id");

    assertProblem(scanAt(organizer, before.getString("code"), list), 409, "revoked");
    HttpResponse<Buffer> uploaded = batch(organizer, eventId, new JsonObject()
        .put("listId", list).put("scans", new JsonArray().add(offline(before.getString("code"),
            Instant.now().toString(), "old-" + UUID.randomUUID()))));
    assertThat(uploaded.statusCode()).as(uploaded.bodyAsString()).isEqualTo(200);
    assertThat(uploaded.bodyAsJsonObject().getJsonArray("results").getJsonObject(0)
        .getString("result")).isEqualTo("revoked");
    assertThat(ticketStatus(ticketId)).isEqualTo("valid");

    String code = ticket(buyers.get(1), ticketId).getString("code");
    assertThat(scanAt(organizer, code, list).statusCode()).isEqualTo(200);
    assertProblem(scanAt(organizer, code, list), 409, "already-checked-in");
  }

  @Test
  @DisplayName("where the door takes rotating codes only, the printed code and a stale rotating code are refused, the live one gets in")
  void rotatingCodes() {
    String eventId = org.onSale(organizer, Organizing.body("Screenshot-proof", 10)
        .put("rotatingCodes", true));
    String buyer = api.buyers(1).get(0);
    JsonObject ticket = tickets(buyer, org.buy(buyer, eventId, 1)).get(0);
    String ticketId = ticket.getString("ticketId");
    String list = newList(organizer, eventId, new JsonObject().put("name", "Door")).getString("id");

    assertProblem(scanAt(organizer, ticket.getString("code"), list), 409,
        "rotating-code-required");
    byte[] secret = Base64.getUrlDecoder().decode(ticket(buyer, ticketId)
        .getString("rotatingSecret"));
    String stale = ticket.getString("code") + "."
        + RotatingCodes.otp(secret, Instant.now().minusSeconds(120));
    assertProblem(scanAt(organizer, stale, list), 409, "code-expired");
    String wrong = ticket.getString("code") + ".000000";
    HttpResponse<Buffer> guessed = scanAt(organizer, wrong, list);
    // One guess in a million is the live otp; the rest are stale.
    assertThat(guessed.statusCode()).isIn(200, 409);
    assertThat(ticketStatus(ticketId)).isEqualTo(guessed.statusCode() == 200 ? "used" : "valid");
    if (guessed.statusCode() == 200) {
      return;
    }

    HttpResponse<Buffer> live = api.call(HttpMethod.GET, "/v1/tickets/" + ticketId
        + "/rotating-code", buyer, null);
    assertThat(live.statusCode()).as(live.bodyAsString()).isEqualTo(200);
    HttpResponse<Buffer> in = scanAt(organizer, live.bodyAsJsonObject().getString("code"), list);
    assertThat(in.statusCode()).as(in.bodyAsString()).isEqualTo(200);
  }
}
