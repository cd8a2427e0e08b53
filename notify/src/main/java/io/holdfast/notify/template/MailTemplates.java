package io.holdfast.notify.template;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The mail templates, each in one place: {@code mail/NAME.txt} (its first line
 * {@code Subject: ...}, a blank line, then the plain-text body) and {@code mail/NAME.html}, on
 * the classpath of this module. Filled by {@link Renderer}. Loaded once, off the event loop.
 */
public final class MailTemplates {
  /** Data: name, eventName, startsAt, venue, tickets [{label}], orderId, amount, pdfUrl, pdfExpires. */
  public static final String ORDER_CONFIRMED = "order-confirmed";
  /** Data: name, eventName, startsAt, orderId, refunded (amount and currency, "EUR 40.00"). */
  public static final String EVENT_CANCELLED = "event-cancelled";
  /** Data: name, recipient (their email), eventName, startsAt, ticket (its label). */
  public static final String TRANSFER_SENT = "transfer-sent";
  /** Data: name, senderName, eventName, startsAt, venue, ticket, ticketsUrl, newAccount, resetUrl. */
  public static final String TRANSFER_RECEIVED = "transfer-received";
  /** Data: name, link, expiresHours (optional). */
  public static final String VERIFY_EMAIL = "verify-email";
  /** Data: name, link, expiresMinutes. */
  public static final String PASSWORD_RESET = "password-reset";

  public static final List<String> ALL = List.of(ORDER_CONFIRMED, EVENT_CANCELLED, TRANSFER_SENT,
      TRANSFER_RECEIVED, VERIFY_EMAIL, PASSWORD_RESET);

  private static final String SUBJECT = "Subject:";

  /** One mail as it goes out. */
  public record Rendered(String subject, String text, String html) {}

  private record Template(String subject, String text, String html) {}

  private final Map<String, Template> templates;

  private MailTemplates(Map<String, Template> templates) {
    this.templates = templates;
  }

  /** Reads every template of {@link #ALL} (blocking: call it from a worker thread). */
  public static MailTemplates load() {
    Map<String, Template> loaded = new HashMap<>();
    for (String name : ALL) {
      String text = resource("mail/" + name + ".txt");
      if (!text.startsWith(SUBJECT)) {
        throw new IllegalStateException("mail/" + name + ".txt must start with '" + SUBJECT
            + " ...'");
      }
      int endOfSubject = text.indexOf('\n');
      String subject = text.substring(SUBJECT.length(), endOfSubject).trim();
      String body = text.substring(endOfSubject + 1).stripLeading();
      loaded.put(name, new Template(subject, body, resource("mail/" + name + ".html")));
    }
    return new MailTemplates(Map.copyOf(loaded));
  }

  /** Whether {@code name} is a template this version knows. */
  public boolean knows(String name) {
    return templates.containsKey(name);
  }

  /** The mail {@code name} makes of {@code data}; {@link IllegalArgumentException} for an unknown name. */
  public Rendered render(String name, JsonObject data) {
    Template template = templates.get(name);
    if (template == null) {
      throw new IllegalArgumentException("no mail template " + name);
    }
    // A subject is one line, whatever the data holds.
    String subject = Renderer.render(template.subject(), data, false).replaceAll("[\\r\\n]+", " ");
    return new Rendered(subject, Renderer.render(template.text(), data, false),
        Renderer.render(template.html(), data, true));
  }

  private static String resource(String path) {
    try (InputStream in = MailTemplates.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("the mail template " + path + " is missing");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + path, e);
    }
  }
}
