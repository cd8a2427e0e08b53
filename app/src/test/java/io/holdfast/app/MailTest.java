package io.holdfast.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.contracts.Topics;
import io.holdfast.contracts.topic.TicketEvent;
import io.holdfast.contracts.topic.TicketsTopic;
import io.holdfast.infra.MailServer;
import io.holdfast.infra.TestInfrastructure;
import io.holdfast.notify.events.MailEventsVerticle;
import io.holdfast.support.kafka.KafkaSettings;
import io.holdfast.testkit.kafka.GroupOffsets;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.kafka.client.common.TopicPartition;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import io.vertx.kafka.client.producer.RecordMetadata;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The mail the platform sends, end to end: a Kafka record of what happened, the mail owed in
 * PostgreSQL, the send over SMTP, caught by the embedded server as a person would read it.
 */
@DisplayName("Mail to buyers")
class MailTest extends OrganizerTestBase {
  private final MailServer smtp = TestInfrastructure.mail();
  private KafkaProducer<String, String> producer;

  @BeforeEach
  void producer(Vertx vertx) {
    producer = KafkaProducer.create(vertx, KafkaSettings.producer(api.platform.config(),
        "mail-test"));
  }

  @AfterEach
  void closeProducer() {
    Api.await(producer.close());
  }

  private List<MimeMessage> caughtFor(String to) {
    return smtp.messages().stream().filter(m -> {
      try {
        return m.getAllRecipients()[0].toString().equalsIgnoreCase(to);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }).toList();
  }

  private MimeMessage awaitOne(String to, String subjectStart) {
    assertThat(Api.eventually(Duration.ofSeconds(30), () -> caughtFor(to).stream()
        .anyMatch(m -> subject(m).startsWith(subjectStart)))).as("a mail to %s", to).isTrue();
    return caughtFor(to).stream().filter(m -> subject(m).startsWith(subjectStart)).findFirst()
        .orElseThrow();
  }

  private static String subject(MimeMessage m) {
    try {
      return m.getSubject();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The plain-text and the HTML part of a mail (the alternatives, beside any attachment). */
  private static String[] parts(MimeMessage m) throws Exception {
    Multipart parts = (Multipart) m.getContent();
    if (parts.getBodyPart(0).getContent() instanceof Multipart alternatives) {
      parts = alternatives;
    }
    assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain");
    assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html");
    return new String[] {parts.getBodyPart(0).getContent().toString(),
        parts.getBodyPart(1).getContent().toString()};
  }

  /** The mail's attachments. */
  private static List<BodyPart> attachments(MimeMessage m) throws Exception {
    Multipart parts = (Multipart) m.getContent();
    List<BodyPart> found = new ArrayList<>();
    for (int i = 0; i < parts.getCount(); i++) {
      if (Part.ATTACHMENT.equalsIgnoreCase(parts.getBodyPart(i).getDisposition())) {
        found.add(parts.getBodyPart(i));
      }
    }
    return found;
  }

  private Row order(String orderId) {
    return Api.await(api.sql.preparedQuery("select u.id as user_id, u.email, o.event_id, "
        + "o.amount_cents, o.currency from orders o join users u on u.id = o.user_id "
        + "where o.id = $1").execute(Tuple.of(UUID.fromString(orderId)))).iterator().next();
  }

  private long mailsOwed(String dedupKey) {
    return api.count("select count(*) from mail_messages where dedup_key = $1", dedupKey);
  }

  /** Sends a record and waits until the mail consumer has committed past it. */
  private void deliver(String topic, String key, JsonObject value) {
    deliver(topic, key, value.encode());
  }

  private void deliver(String topic, String key, String value) {
    RecordMetadata sent = Api.await(producer.send(KafkaProducerRecord.create(topic, key,
        value)));
    GroupOffsets offsets = new GroupOffsets(api.platform.vertx(), api.platform.config());
    TopicPartition partition = new TopicPartition(topic, sent.getPartition());
    assertThat(Api.eventually(Duration.ofSeconds(30), () -> Api.await(offsets.committed(
        MailEventsVerticle.GROUP, partition)) > sent.getOffset())).isTrue();
  }

  @Test
  @DisplayName("buying tickets mails the buyer exactly one confirmation, text and HTML, naming the event, the tickets and the order")
  void purchaseMailsOneConfirmation() throws Exception {
    String name = "Mailed night " + UUID.randomUUID().toString().substring(0, 8);
    String eventId = org.onSale(organizer, Organizing.body(name, 20));
    String buyer = api.buyers(1).get(0);
    String orderId = org.buy(buyer, eventId, 2);
    String email = order(orderId).getString("email");

    MimeMessage mail = awaitOne(email, "Your tickets for " + name);
    assertThat(mail.getFrom()[0].toString()).contains("tickets@holdfast.local");
    String[] body = parts(mail);
    assertThat(body[0]).contains(name, "The Loopback Arena", "Order " + orderId,
        "/v1/orders/" + orderId).containsPattern("(?s)  - GA\\R  - GA\\R");
    assertThat(body[1]).contains(name, "<li>GA</li>", "href=\"http://");
    // Its link opens the order's PDF without signing in.
    Matcher link = Pattern.compile("http://\\S+/v1/orders/"
        + orderId + "/pdf\\?\\S+").matcher(body[0]);
    assertThat(link.find()).as(body[0]).isTrue();
    HttpResponse<Buffer> opened = api.call(HttpMethod.GET, link.group().substring(
        link.group().indexOf("/v1/")), null, null);
    assertThat(opened.statusCode()).as(opened.bodyAsString()).isEqualTo(200);
    assertThat(opened.getHeader("Content-Type")).isEqualTo("application/pdf");
    // The tickets ride along as one PDF, a page each, each page's QR code the ticket's code.
    List<BodyPart> attached = attachments(mail);
    assertThat(attached).hasSize(1);
    assertThat(attached.get(0).getContentType()).startsWith("application/pdf");
    assertThat(attached.get(0).getFileName()).isEqualTo("order-" + orderId + ".pdf");
    List<String> codes = new ArrayList<>();
    Api.await(api.sql.preparedQuery("select code from tickets where order_id = $1 "
        + "order by section_id, slot").execute(Tuple.of(UUID.fromString(orderId))))
        .forEach(r -> codes.add(r.getString(0)));
    try (PDDocument pdf = Loader.loadPDF(attached.get(0).getInputStream().readAllBytes())) {
      assertThat(pdf.getNumberOfPages()).isEqualTo(2);
      assertThat(List.of(TicketDocumentsTest.qrOf(pdf, 0), TicketDocumentsTest.qrOf(pdf, 1)))
          .isEqualTo(codes);
    }
    Thread.sleep(500);
    assertThat(caughtFor(email)).hasSize(1);
    assertThat(api.count("select count(*) from mail_messages where dedup_key = $1 "
        + "and status = 'sent' and sent_at is not null", "order-confirmed:" + orderId))
        .isEqualTo(1);
  }

  @Test
  @DisplayName("the same order record delivered twice owes one mail and sends one")
  void redeliveryMailsOnce() throws Exception {
    String eventId = org.onSale(organizer, Organizing.body("Twice told", 20));
    String orderId = org.buy(api.buyers(1).get(0), eventId, 1);
    String email = order(orderId).getString("email");
    awaitOne(email, "Your tickets for Twice told");
    String record = Api.await(api.sql.preparedQuery("select payload from outbox where topic = $1 "
            + "and payload::json->>'orderId' = $2 and payload::json->>'type' = 'order.confirmed'")
        .execute(Tuple.of(Topics.ORDERS, orderId))).iterator().next().getString(0);

    deliver(Topics.ORDERS, eventId, new JsonObject(record));
    deliver(Topics.ORDERS, eventId, new JsonObject(record));

    assertThat(mailsOwed("order-confirmed:" + orderId)).isEqualTo(1);
    Thread.sleep(1000);
    assertThat(caughtFor(email)).hasSize(1);
  }

  @Test
  @DisplayName("records that cannot be read, or owe no mail, are passed over and mail keeps flowing")
  void unreadableRecordsArePassedOver() {
    // Each delivery waits until the consumer committed past the record: it did not stick there.
    String key = UUID.randomUUID().toString();
    deliver(Topics.ORDERS, key, "not json at all");
    deliver(Topics.TICKETS, key, new JsonObject().put("type", "ticket.transferred"));
    deliver(Topics.TICKETS, key, new JsonObject().put("type", "ticket.reissued"));
    deliver(Topics.ORDERS, key, new JsonObject().put("type", "order.refunded")
        .put("orderId", key).put("paymentId", key).put("holdId", key)
        .put("eventId", key).put("reason", "refund-requested"));
    assertThat(api.count("select count(*) from mail_messages where dedup_key like $1",
        "%" + key + "%")).isZero();

    String eventId = org.onSale(organizer, Organizing.body("After the noise", 20));
    String orderId = org.buy(api.buyers(1).get(0), eventId, 1);
    awaitOne(order(orderId).getString("email"), "Your tickets for After the noise");
  }

  @Test
  @DisplayName("a cancelled event mails each buyer what is refunded")
  void cancelMailsTheRefund() throws Exception {
    String eventId = org.onSale(organizer, Organizing.body("Rained off", 20));
    String orderId = org.buy(api.buyers(1).get(0), eventId, 2);
    Row order = order(orderId);
    HttpResponse<Buffer> cancelled = api.call(HttpMethod.POST, "/v1/events/" + eventId
        + "/cancel", organizer, null);
    assertThat(cancelled.statusCode()).as(cancelled.bodyAsString()).isEqualTo(200);

    MimeMessage mail = awaitOne(order.getString("email"), "Rained off is cancelled");
    String amount = order.getString("currency").trim() + " "
        + BigDecimal.valueOf(order.getLong("amount_cents"), 2).toPlainString();
    assertThat(parts(mail)[0]).contains("Your order " + orderId + " is refunded: " + amount);
    assertThat(mailsOwed("event-cancelled:" + orderId)).isEqualTo(1);
  }

  @Test
  @DisplayName("a transferred ticket mails the giver and the receiver, once each however often the record comes")
  void transferMailsBothSides() throws Exception {
    String eventId = org.onSale(organizer, Organizing.body("Passed on", 20));
    String buyer = api.buyers(1).get(0);
    String orderId = org.buy(buyer, eventId, 1);
    Row order = order(orderId);
    UUID ticketId = Api.await(api.sql.preparedQuery("select id from tickets where order_id = $1")
        .execute(Tuple.of(UUID.fromString(orderId)))).iterator().next().getUUID(0);
    // To an address without an account: the transfer makes one, without a password yet.
    String friendEmail = "friend-" + UUID.randomUUID() + "@test.holdfast.dev";
    HttpResponse<Buffer> moved = api.call(HttpMethod.POST, "/v1/tickets/" + ticketId
        + "/transfer", buyer, new JsonObject().put("email", friendEmail));
    assertThat(moved.statusCode()).as(moved.bodyAsString()).isEqualTo(200);
    UUID friend = Api.await(api.sql.preparedQuery("select id from users where email = $1")
        .execute(Tuple.of(friendEmail))).iterator().next().getUUID(0);
    JsonObject transferred = TicketsTopic.encode(new TicketEvent.Transferred(ticketId,
        UUID.fromString(eventId), moved.bodyAsJsonObject().getInteger("version"),
        order.getUUID("user_id"), friend));

    // The relay delivers the transfer's record; the same record again changes nothing.
    deliver(Topics.TICKETS, eventId, transferred);

    MimeMessage sent = awaitOne(order.getString("email"), "You gave your ticket for Passed on");
    assertThat(parts(sent)[0]).contains(friendEmail);
    MimeMessage received = awaitOne(friendEmail, "Buyer 0 sent you a ticket for Passed on");
    assertThat(parts(received)[0]).contains("Choose its password", "/reset-password");
    Thread.sleep(1000);
    assertThat(caughtFor(friendEmail)).hasSize(1);
    assertThat(caughtFor(order.getString("email"))).filteredOn(m -> subject(m)
        .startsWith("You gave")).hasSize(1);
  }
}
