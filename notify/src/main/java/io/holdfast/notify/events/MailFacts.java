package io.holdfast.notify.events;

import io.holdfast.accounts.UserRepository;
import io.holdfast.contracts.topic.TicketEvent;
import io.holdfast.documents.SignedLinks;
import io.holdfast.notify.Mail;
import io.holdfast.notify.template.MailTemplates;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * What a mail tells, read from the tables other modules own (users, events, sections, orders,
 * payments, tickets), read-only; and the mails it makes, each with the dedup key that makes a
 * redelivered event owe no second one. Null where the row is gone: nothing to tell.
 */
final class MailFacts {
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm 'UTC'", Locale.ENGLISH);
  private static final String ORDER = """
      select o.id, o.amount_cents, o.currency, u.email, u.name, e.name as event_name,
             e.starts_at, e.venue, coalesce(nullif(p.refunded_cents, 0), o.amount_cents)
             as refunded_cents
      from orders o join users u on u.id = o.user_id join events e on e.id = o.event_id
      join payments p on p.id = o.payment_id
      where o.id = $1""";
  private static final String TICKETS = """
      select t.seat, coalesce(s.name, t.section_id) as section
      from tickets t left join sections s on s.event_id = t.event_id and s.id = t.section_id
      where t.order_id = $1 order by t.section_id, t.slot""";
  /** {@code new_account}: a recipient without a password yet, the account the transfer made. */
  private static final String TRANSFER = """
      select t.seat, coalesce(s.name, t.section_id) as section, e.name as event_name,
             e.starts_at, e.venue, f.email as from_email, f.name as from_name,
             r.email as to_email, r.name as to_name,
             r.password_hash = $4 as new_account
      from tickets t join events e on e.id = t.event_id
      left join sections s on s.event_id = t.event_id and s.id = t.section_id
      join users f on f.id = $2 join users r on r.id = $3
      where t.id = $1""";

  /** The web page where one asks for a password link (accounts mails it). */
  static final String RESET_PAGE = "/reset-password";

  private final SqlClient client;
  private final String publicUrl;
  private final SignedLinks links;

  MailFacts(SqlClient client, String publicUrl, SignedLinks links) {
    this.links = links;
    this.client = client;
    this.publicUrl = publicUrl.replaceAll("/+$", "");
  }

  /** The buyer's confirmation of {@code orderId}. */
  Future<List<Mail>> orderConfirmed(UUID orderId) {
    return client.preparedQuery(ORDER).execute(Tuple.of(orderId)).compose(orders -> {
      if (orders.size() == 0) {
        return Future.succeededFuture(List.of());
      }
      Row o = orders.iterator().next();
      SignedLinks.Link pdf = links.link(SignedLinks.orderPdf(orderId));
      return client.preparedQuery(TICKETS).execute(Tuple.of(orderId)).map(rows -> {
        JsonArray tickets = new JsonArray();
        rows.forEach(t -> tickets.add(new JsonObject().put("label", label(t))));
        JsonObject data = event(o).put("name", o.getString("name"))
            .put("orderId", orderId.toString())
            .put("amount", money(o.getLong("amount_cents"), o.getString("currency")))
            .put("tickets", tickets)
            .put("pdfUrl", pdf.url()).put("pdfExpires", when(pdf.expiresAt()));
        return List.of(new Mail("order-confirmed:" + orderId, MailTemplates.ORDER_CONFIRMED,
            o.getString("email"), data));
      });
    });
  }

  /** The buyer's news that the event is off and what they get back. */
  Future<List<Mail>> eventCancelled(UUID orderId) {
    return client.preparedQuery(ORDER).execute(Tuple.of(orderId)).map(orders -> {
      if (orders.size() == 0) {
        return List.of();
      }
      Row o = orders.iterator().next();
      JsonObject data = event(o).put("name", o.getString("name"))
          .put("orderId", orderId.toString())
          .put("refunded", money(o.getLong("refunded_cents"), o.getString("currency")));
      return List.of(new Mail("event-cancelled:" + orderId, MailTemplates.EVENT_CANCELLED,
          o.getString("email"), data));
    });
  }

  /** The giver's and the receiver's mails about one transfer of a ticket. */
  Future<List<Mail>> transferred(TicketEvent.Transferred transfer) {
    return client.preparedQuery(TRANSFER).execute(Tuple.of(transfer.ticketId(),
        transfer.fromUserId(), transfer.toUserId(), UserRepository.NO_PASSWORD)).map(rows -> {
          if (rows.size() == 0) {
            return List.of();
          }
          Row t = rows.iterator().next();
          String key = transfer.ticketId() + ":" + transfer.version();
          JsonObject sent = event(t).put("name", t.getString("from_name"))
              .put("recipient", t.getString("to_email")).put("ticket", label(t));
          JsonObject received = event(t).put("name", t.getString("to_name"))
              .put("senderName", t.getString("from_name")).put("ticket", label(t))
              .put("ticketsUrl", publicUrl + "/v1/tickets")
              .put("newAccount", Boolean.TRUE.equals(t.getBoolean("new_account")))
              .put("resetUrl", publicUrl + RESET_PAGE);
          return List.of(
              new Mail("transfer-sent:" + key, MailTemplates.TRANSFER_SENT,
                  t.getString("from_email"), sent),
              new Mail("transfer-received:" + key, MailTemplates.TRANSFER_RECEIVED,
                  t.getString("to_email"), received));
        });
  }

  private static JsonObject event(Row r) {
    OffsetDateTime startsAt = r.getOffsetDateTime("starts_at");
    return new JsonObject().put("eventName", r.getString("event_name"))
        .put("startsAt", startsAt == null ? "" : when(startsAt.toInstant()))
        .put("venue", r.getString("venue"));
  }

  private static String when(Instant at) {
    return WHEN.format(at.atOffset(ZoneOffset.UTC));
  }

  /** "Section B, seat B-12", or the section alone for general admission. */
  private static String label(Row t) {
    String seat = t.getString("seat");
    return t.getString("section") + (seat == null ? "" : ", seat " + seat);
  }

  static String money(long cents, String currency) {
    return currency.trim() + " " + BigDecimal.valueOf(cents, 2).toPlainString();
  }
}
