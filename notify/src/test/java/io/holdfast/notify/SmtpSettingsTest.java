package io.holdfast.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.support.config.Settings;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mail.LoginOption;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.StartTLSOptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("HOLDFAST_SMTP_URL")
class SmtpSettingsTest {
  private static MailConfig read(String url) {
    return SmtpSettings.mailConfig(new JsonObject().put(Settings.SMTP_URL.key(), url));
  }

  @Test
  @DisplayName("smtp:// without a login connects in the clear, upgrading with STARTTLS when offered, port 25 by default")
  void plain() {
    MailConfig mail = read("smtp://mail.example");
    assertThat(mail.getHostname()).isEqualTo("mail.example");
    assertThat(mail.getPort()).isEqualTo(25);
    assertThat(mail.isSsl()).isFalse();
    assertThat(mail.getStarttls()).isEqualTo(StartTLSOptions.OPTIONAL);
    assertThat(mail.getLogin()).isEqualTo(LoginOption.DISABLED);
  }

  @Test
  @DisplayName("smtps:// speaks TLS from the first byte on 465, and logs in with the decoded user and password")
  void tlsWithLogin() {
    MailConfig mail = read("smtps://apikey:p%40ss+word%3A@mail.example");
    assertThat(mail.getPort()).isEqualTo(465);
    assertThat(mail.isSsl()).isTrue();
    assertThat(mail.getHostnameVerificationAlgorithm()).isEqualTo("HTTPS");
    assertThat(mail.getLogin()).isEqualTo(LoginOption.REQUIRED);
    assertThat(mail.getUsername()).isEqualTo("apikey");
    assertThat(mail.getPassword()).isEqualTo("p@ss+word:");
    assertThat(read("smtp://user@mail.example:2525").getPort()).isEqualTo(2525);
  }

  @Test
  @DisplayName("unset or well formed, there is no problem to report; malformed, the problem names the variable")
  void problems() {
    assertThat(SmtpSettings.problem(new JsonObject())).isNull();
    assertThat(SmtpSettings.problem(new JsonObject().put(Settings.SMTP_URL.key(),
        "smtp://127.0.0.1:2525"))).isNull();
    assertThat(SmtpSettings.problem(new JsonObject().put(Settings.SMTP_URL.key(),
        "imap://mail.example"))).startsWith("HOLDFAST_SMTP_URL is malformed");
  }
}
