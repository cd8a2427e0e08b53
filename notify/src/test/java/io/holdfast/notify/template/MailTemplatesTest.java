package io.holdfast.notify.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Mail templates and their renderer")
class MailTemplatesTest {
  private static final MailTemplates TEMPLATES = MailTemplates.load();

  /** Every field any template reads, with markup in it that must not survive into HTML. */
  private static JsonObject everything() {
    return new JsonObject().put("name", "Ada <b>Lovelace</b>").put("eventName", "Night & Day")
        .put("startsAt", "Sat 5 Dec 2026, 19:30 UTC").put("venue", "The \"Hall\"")
        .put("tickets", new JsonArray().add(new JsonObject().put("label", "GA"))
            .add(new JsonObject().put("label", "B, seat B-12")))
        .put("orderId", "o-1").put("amount", "EUR 50.00").put("refunded", "EUR 50.00")
        .put("pdfUrl", "http://127.0.0.1:8080/v1/orders/o-1/pdf?expires=1&sig=a")
        .put("ticketsUrl", "http://127.0.0.1:8080/v1/tickets")
        .put("pdfExpires", "Fri 11 Dec 2026, 19:30 UTC")
        .put("recipient", "friend@example.org").put("senderName", "Bob").put("ticket", "GA")
        .put("newAccount", true).put("resetUrl", "http://127.0.0.1:8080/reset-password")
        .put("link", "http://127.0.0.1:8080/verify?token=a&b=c").put("expiresMinutes", 30)
        .put("expiresHours", 48);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"order-confirmed", "event-cancelled", "transfer-sent",
      "transfer-received", "verify-email", "password-reset"})
  @DisplayName("each template renders a one-line subject, a text part and an HTML part, with every value escaped in the HTML")
  void eachTemplateRenders(String name) {
    MailTemplates.Rendered mail = TEMPLATES.render(name, everything());
    assertThat(mail.subject()).isNotBlank().doesNotContain("\n", "{{");
    assertThat(mail.text()).isNotBlank().doesNotContain("{{", "}}");
    assertThat(mail.html()).startsWith("<!doctype html>").doesNotContain("{{", "}}",
        "<b>Lovelace", "Night & Day", "\"Hall\"");
    assertThat(mail.text()).contains("Ada <b>Lovelace</b>");
    assertThat(mail.html()).contains("Ada &lt;b&gt;Lovelace&lt;/b&gt;");
  }

  @Test
  @DisplayName("the confirmation lists every ticket and links the order")
  void confirmationListsTickets() {
    MailTemplates.Rendered mail = TEMPLATES.render(MailTemplates.ORDER_CONFIRMED, everything());
    assertThat(mail.subject()).isEqualTo("Your tickets for Night & Day");
    assertThat(mail.text()).contains("  - GA\n", "  - B, seat B-12\n",
        "http://127.0.0.1:8080/v1/orders/o-1/pdf?expires=1&sig=a", "EUR 50.00");
    assertThat(mail.html()).contains("<li>GA</li>", "<li>B, seat B-12</li>",
        "href=\"http://127.0.0.1:8080/v1/orders/o-1/pdf?expires=1&amp;sig=a\"", "Night &amp; Day");
  }

  @Test
  @DisplayName("the account links say how long they work")
  void linksSayHowLong() {
    assertThat(TEMPLATES.render(MailTemplates.VERIFY_EMAIL, everything()).text())
        .contains("http://127.0.0.1:8080/verify?token=a&b=c", "for 48 hours");
    assertThat(TEMPLATES.render(MailTemplates.VERIFY_EMAIL, everything().put("expiresHours",
        null)).text()).doesNotContain("hours");
    assertThat(TEMPLATES.render(MailTemplates.PASSWORD_RESET, everything()).html())
        .contains("href=\"http://127.0.0.1:8080/verify?token=a&amp;b=c\"", "for 30 minutes");
  }

  @Test
  @DisplayName("a received transfer tells a new account to choose a password, and an old one to sign in")
  void transferReceivedNewOrOld() {
    JsonObject data = everything();
    assertThat(TEMPLATES.render(MailTemplates.TRANSFER_RECEIVED, data).text())
        .contains("Choose its password", data.getString("resetUrl"))
        .doesNotContain("Sign in to see it");
    data.put("newAccount", false);
    assertThat(TEMPLATES.render(MailTemplates.TRANSFER_RECEIVED, data).text())
        .contains("Sign in to see it", data.getString("ticketsUrl"))
        .doesNotContain("Choose its password");
  }

  @Test
  @DisplayName("the renderer shows sections for present values, inverted ones for missing, and leaves missing values empty")
  void rendererSections() {
    JsonObject data = new JsonObject().put("yes", true).put("no", false).put("list",
        new JsonArray().add("a").add("b")).put("empty", new JsonArray());
    assertThat(Renderer.render("{{#yes}}Y{{/yes}}{{#no}}N{{/no}}{{^no}}n{{/no}}"
        + "{{#list}}[{{.}}]{{/list}}{{^empty}}E{{/empty}}{{missing}}.", data, false))
        .isEqualTo("Yn[a][b]E.");
    assertThat(Renderer.render("{{x}}", new JsonObject().put("x", "<a href='x'>&</a>"), true))
        .isEqualTo("&lt;a href=&#39;x&#39;&gt;&amp;&lt;/a&gt;");
    assertThatThrownBy(() -> Renderer.render("{{#open}}never closed", data, false))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("open");
  }

  @Test
  @DisplayName("a subject stays one line whatever the data holds, and an unknown template is refused")
  void subjectOneLineAndUnknown() {
    JsonObject data = everything().put("eventName", "Two\r\nlines");
    assertThat(TEMPLATES.render(MailTemplates.ORDER_CONFIRMED, data).subject())
        .isEqualTo("Your tickets for Two lines");
    assertThatThrownBy(() -> TEMPLATES.render("no-such-mail", data))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no-such-mail");
  }
}
