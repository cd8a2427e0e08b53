package io.holdfast.app;

import static io.holdfast.testkit.http.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.documents.QrCodes;
import io.holdfast.ledger.ticket.RotatingCodes;
import io.holdfast.ledger.ticket.TicketCodes;
import io.holdfast.support.crypto.PlatformKey;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Transfers, reissues, revocations and rotating codes")
class TicketTransferTest extends TicketTestBase {
  @Test
  @DisplayName("a transfer moves the ticket to the recipient with a new version and code; the old code is revoked and listed")
  void transfer() throws Exception {
    String eventId = org.onSale(organizer, Organizing.body("Gift night", 10));
    List<String> buyers = api.buyers(2);
    String buyer = buyers.get(0);
    JsonObject before = tickets(buyer, org.buy(buyer, eventId, 1)).get(0);
    String ticketId = before.getString("ticketId");
    String recipientEmail = me(buyers.get(1)).getString("email");

    HttpResponse<Buffer> r = transfer(buyer, ticketId, recipientEmail);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    JsonObject answered = r.bodyAsJsonObject();
    assertThat(answered.getString("ticketId")).isEqualTo(ticketId);
    assertThat(answered.getInteger("version")).isEqualTo(2);
    assertThat(answered.containsKey("code")).isFalse();
    assertThat(answered.containsKey("rotatingSecret")).isFalse();

    assertProblem(api.call(HttpMethod.GET, "/v1/tickets/" + ticketId, buyer, null), 404,
        "not-found");
    JsonObject after = ticket(buyers.get(1), ticketId);
    assertThat(after.getInteger("version")).isEqualTo(2);
    assertThat(after.getString("code")).isNotEqualTo(before.getString("code"));
    assertThat(after.getString("rotatingSecret")).isNotEqualTo(before.getString("rotatingSecret"));
    PublicKey key = publishedKey(eventId);
    assertThat(verifies(key, after.getString("code"))).isTrue();

    assertThat(revoked(ticketId, 1, "transferred")).isEqualTo(1);
    JsonArray listed = revocations(eventId, "").bodyAsJsonObject().getJsonArray("revocations");
    assertThat(listed).hasSize(1);
    assertThat(listed.getJsonObject(0).getString("ticketId")).isEqualTo(ticketId);
    assertThat(listed.getJsonObject(0).getInteger("version")).isEqualTo(1);
    assertThat(listed.getJsonObject(0).getString("reason")).isEqualTo("transferred");
    assertThat(api.count("select count(*) from outbox where topic = 'tickets' and key = $1 "
        + "and payload like $2", eventId, "%\"ticket.transferred\"%" + ticketId + "%")).isEqualTo(1);
  }

  @Test
  @DisplayName("a transfer to an email without an account makes one that cannot log in yet")
  void transferInvites() {
    String eventId = org.onSale(organizer, Organizing.body("Invite night", 10));
    String buyer = api.buyers(1).get(0);
    String ticketId = tickets(buyer, org.buy(buyer, eventId, 1)).get(0).getString("ticketId");
    String email = "friend-" + UUID.randomUUID() + "@test.holdfast.dev";

    HttpResponse<Buffer> r = transfer(buyer, ticketId, email);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    assertThat(api.count("select count(*) from users u join tickets t on t.holder_id = u.id "
        + "where u.email = $1 and t.id = $2::uuid and u.password_hash = '!'", email, ticketId))
        .isEqualTo(1);
    assertProblem(api.login(email, "!"), 401, "invalid-credentials");
  }

  @Test
  @DisplayName("of two transfers of one ticket racing, exactly one wins")
  void racingTransfers() {
    String eventId = org.onSale(organizer, Organizing.body("Race night", 10));
    String buyer = api.buyers(1).get(0);
    String ticketId = tickets(buyer, org.buy(buyer, eventId, 1)).get(0).getString("ticketId");
    List<Future<HttpResponse<Buffer>>> sent = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      sent.add(api.request(HttpMethod.POST, "/v1/tickets/" + ticketId + "/transfer", buyer)
          .sendJsonObject(new JsonObject().put("email", "racer-" + UUID.randomUUID()
              + "@test.holdfast.dev")));
    }
    Api.await(Future.join(sent));
    List<Integer> statuses = sent.stream().map(f -> f.result().statusCode()).sorted().toList();
    assertThat(statuses.get(0)).as(statuses.toString()).isEqualTo(200);
    assertThat(statuses.get(1)).as(statuses.toString()).isIn(404, 409);
    assertThat(api.count("select version from tickets where id = $1::uuid", ticketId))
        .isEqualTo(2);
    assertThat(api.count("select count(*) from ticket_revocations where ticket_id = $1::uuid",
        ticketId)).isEqualTo(1);
  }

  @Test
  @DisplayName("a used ticket, a transfer to oneself, transfers turned off or past the deadline, and someone else's ticket are refused and change nothing")
  void refusedTransfers() {
    String eventId = org.onSale(organizer, Organizing.body("Strict night", 10));
    String late = org.onSale(organizer, Organizing.body("Late night", 10)
        .put("transferDeadline", Instant.now().minusSeconds(60).toString()));
    List<String> buyers = api.buyers(2);
    String buyer = buyers.get(0);
    List<JsonObject> tickets = tickets(buyer, org.buy(buyer, eventId, 2));
    String lateTicket = tickets(buyer, org.buy(buyer, late, 1)).get(0).getString("ticketId");
    String used = tickets.get(0).getString("ticketId");
    String kept = tickets.get(1).getString("ticketId");
    assertThat(checkIn(organizer, tickets.get(0).getString("code")).statusCode()).isEqualTo(200);
    String other = me(buyers.get(1)).getString("email");

    assertProblem(transfer(buyer, used, other), 409, "ticket-used");
    assertProblem(transfer(buyer, kept, me(buyer).getString("email")), 422, "transfer-to-self");
    assertProblem(transfer(buyers.get(1), kept, other), 404, "not-found");
    assertProblem(transfer(buyer, lateTicket, other), 409, "transfer-deadline-passed");
    assertProblem(transfer(buyer, kept, "not-an-email"), 422, "validation");
    HttpResponse<Buffer> off = org.patch(organizer, eventId,
        new JsonObject().put("transfersAllowed", false));
    assertThat(off.statusCode()).as(off.bodyAsString()).isEqualTo(200);
    assertThat(off.bodyAsJsonObject().getBoolean("transfersAllowed")).isFalse();
    assertProblem(transfer(buyer, kept, other), 409, "transfers-disabled");

    assertThat(api.count("select count(*) from tickets where holder_id = (select id from users "
        + "where email = $1) ", other)).isZero();
    assertThat(api.count("select count(*) from tickets where id = any(array[$1, $2, $3]::uuid[]) "
        + "and version = 1", used, kept, lateTicket)).isEqualTo(3);
    assertThat(api.count("select count(*) from ticket_revocations where event_id in "
        + "($1::uuid, $2::uuid)", eventId, late)).isZero();
  }

  @Test
  @DisplayName("a refund revokes the order's tickets, and scanners page the revocations with a cursor; a bad cursor or limit is a 400")
  void refundRevokesAndPages() {
    String eventId = org.onSale(organizer, Organizing.body("Paging night", 10));
    String buyer = api.buyers(1).get(0);
    List<JsonObject> kept = tickets(buyer, org.buy(buyer, eventId, 2));
    String refunded = org.buy(buyer, eventId, 1);
    for (JsonObject t : kept) {
      HttpResponse<Buffer> r = api.call(HttpMethod.POST, "/v1/tickets/" + t.getString("ticketId")
          + "/reissue", buyer, null);
      assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
      assertThat(r.bodyAsJsonObject().getInteger("version")).isEqualTo(2);
      assertThat(r.bodyAsJsonObject().getString("code")).isNotEqualTo(t.getString("code"));
    }
    assertThat(api.call(HttpMethod.POST, "/v1/orders/" + refunded + "/refund", organizer, null)
        .statusCode()).isEqualTo(202);
    String refundedTicket = tickets(buyer, refunded).get(0).getString("ticketId");
    assertThat(Api.eventually(Duration.ofSeconds(20),
        () -> revoked(refundedTicket, 1, "refunded") == 1)).isTrue();
    assertProblem(api.call(HttpMethod.POST, "/v1/tickets/" + refundedTicket + "/reissue", buyer,
        null), 409, "ticket-void");

    JsonObject first = revocations(eventId, "?limit=2").bodyAsJsonObject();
    assertThat(first.getJsonArray("revocations")).hasSize(2);
    JsonObject second = revocations(eventId, "?limit=2&cursor=" + first.getString("next"))
        .bodyAsJsonObject();
    assertThat(second.getJsonArray("revocations")).hasSize(1);
    assertThat(second.getJsonArray("revocations").getJsonObject(0).getString("reason"))
        .isEqualTo("refunded");
    JsonObject none = revocations(eventId, "?cursor=" + second.getString("next"))
        .bodyAsJsonObject();
    assertThat(none.getJsonArray("revocations")).isEmpty();
    assertThat(none.getString("next")).isEqualTo(second.getString("next"));

    assertProblem(revocations(eventId, "?cursor=abc"), 400, "invalid-cursor");
    assertProblem(revocations(eventId, "?after=-1"), 400, "invalid-cursor");
    assertProblem(revocations(eventId, "?limit=0"), 400, "invalid-limit");
    assertProblem(revocations(eventId, "?limit=1001"), 400, "invalid-limit");
    assertProblem(revocations(UUID.randomUUID().toString(), ""), 404, "not-found");
  }

  @Test
  @DisplayName("a rotating code is the code and a one-time password of the ticket's secret: accepted now and one step on, refused two steps later; its QR code reads back as one")
  void rotatingCode() {
    String eventId = org.onSale(organizer, Organizing.body("Rotating night", 10));
    String buyer = api.buyers(1).get(0);
    JsonObject ticket = tickets(buyer, org.buy(buyer, eventId, 1)).get(0);
    HttpResponse<Buffer> r = api.call(HttpMethod.GET, "/v1/tickets/"
        + ticket.getString("ticketId") + "/rotating-code", buyer, null);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    String rotating = r.bodyAsJsonObject().getString("code");
    Instant expiresAt = Instant.parse(r.bodyAsJsonObject().getString("expiresAt"));
    assertThat(rotating).startsWith(ticket.getString("code") + ".");
    String otp = rotating.substring(ticket.getString("code").length() + 1);
    assertThat(otp).matches("^[0-9]{6}$");
    byte[] secret = Base64.getUrlDecoder().decode(ticket.getString("rotatingSecret"));

    assertThat(RotatingCodes.verify(secret, otp, Instant.now())).isTrue();
    assertThat(RotatingCodes.verify(secret, otp, expiresAt)).isTrue();
    assertThat(RotatingCodes.verify(secret, otp, expiresAt.plusSeconds(15))).isFalse();
    assertThat(RotatingCodes.verify(secret, otp, Instant.now().plusSeconds(30))).isFalse();
    assertThat(RotatingCodes.verify(new byte[32], otp, Instant.now())).isFalse();
    // The door reads the secret of the code's version; another version has none to give.
    TicketCodes codes = new TicketCodes(api.platform.vertx(), api.sql,
        PlatformKey.of(api.platform.config()));
    UUID ticketId = UUID.fromString(ticket.getString("ticketId"));
    assertThat(Api.await(codes.rotatingSecret(ticketId, 1))).isEqualTo(secret);
    assertThat(Api.await(codes.rotatingSecret(ticketId, 2))).isNull();
    Api.await(codes.close());
    assertProblem(api.call(HttpMethod.GET, "/v1/tickets/" + ticket.getString("ticketId")
        + "/rotating-code", api.buyers(1).get(0), null), 404, "not-found");

    // The same code as a QR code for the holder's screen: it reads back as a code the door
    // takes now (this step's, or the next one's if the step just turned).
    HttpResponse<Buffer> png = api.call(HttpMethod.GET, "/v1/tickets/"
        + ticket.getString("ticketId") + "/rotating-code.png", buyer, null);
    assertThat(png.statusCode()).as(png.bodyAsString()).isEqualTo(200);
    assertThat(png.getHeader("Content-Type")).isEqualTo("image/png");
    assertThat(png.getHeader("Cache-Control")).isEqualTo("private, no-store");
    String drawn = QrCodes.read(readImage(png.body().getBytes()));
    assertThat(drawn).startsWith(ticket.getString("code") + ".");
    assertThat(RotatingCodes.verify(secret, drawn.substring(ticket.getString("code").length()
        + 1), Instant.now())).isTrue();
    assertProblem(api.call(HttpMethod.GET, "/v1/tickets/" + ticket.getString("ticketId")
        + "/rotating-code.png", api.buyers(1).get(0), null), 404, "not-found");
  }

  private static java.awt.image.BufferedImage readImage(byte[] png) {
    try {
      return javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(png));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  @DisplayName("cancelling an event revokes its tickets as cancelled, and the transfer settings are validated")
  void cancelRevokesAndSettingsAreChecked() {
    String eventId = org.onSale(organizer, Organizing.body("Called-off night", 10));
    String buyer = api.buyers(1).get(0);
    String ticketId = tickets(buyer, org.buy(buyer, eventId, 1)).get(0).getString("ticketId");
    assertThat(api.call(HttpMethod.POST, "/v1/events/" + eventId + "/cancel", organizer, null)
        .statusCode()).isEqualTo(200);
    assertThat(Api.eventually(Duration.ofSeconds(20),
        () -> revoked(ticketId, 1, "cancelled") == 1)).isTrue();
    assertProblem(transfer(buyer, ticketId, "someone@test.holdfast.dev"), 409, "ticket-void");

    JsonObject body = Organizing.body("Settings night", 10);
    JsonObject event = org.draft(organizer, body);
    assertThat(event.getBoolean("transfersAllowed")).isTrue();
    assertThat(event.getValue("transferDeadline")).isNull();
    assertThat(event.getBoolean("rotatingCodes")).isFalse();
    assertProblem(api.call(HttpMethod.POST, "/v1/events", organizer, body.copy()
        .put("transferDeadline", Instant.parse(body.getString("endsAt")).plusSeconds(1)
            .toString())), 422, "validation");
    assertProblem(api.call(HttpMethod.POST, "/v1/events", organizer, body.copy()
        .put("transfersAllowed", "yes")), 422, "validation");
    HttpResponse<Buffer> patched = org.patch(organizer, event.getString("id"), new JsonObject()
        .put("rotatingCodes", true).put("transferDeadline", body.getString("startsAt")));
    assertThat(patched.statusCode()).as(patched.bodyAsString()).isEqualTo(200);
    assertThat(patched.bodyAsJsonObject().getBoolean("rotatingCodes")).isTrue();
    assertThat(Instant.parse(patched.bodyAsJsonObject().getString("transferDeadline")))
        .isEqualTo(Instant.parse(body.getString("startsAt")));
  }
}
