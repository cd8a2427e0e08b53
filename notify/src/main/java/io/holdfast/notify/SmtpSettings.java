package io.holdfast.notify;

import io.holdfast.support.config.Setting;
import io.holdfast.support.config.Settings;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mail.LoginOption;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.StartTLSOptions;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * How mail leaves: {@link Settings#SMTP_URL} read into vertx-mail-client's {@link MailConfig},
 * and the sender's address. A malformed URL is refused at start with a sentence saying what is
 * wrong with it, never at the first mail.
 */
public final class SmtpSettings {
  public static final Setting MAIL_FROM = Setting.text("HOLDFAST_MAIL_FROM", "mail.from",
      "Holdfast <tickets@holdfast.local>", "the From of every mail the platform sends, "
      + "\"Name <address>\" or an address");

  public static final Setting CONNECTIONS = Setting.number("HOLDFAST_SMTP_CONNECTIONS",
      "smtp.connections", 16, "connections each mail sender keeps to the SMTP server; with 4, "
      + "a sale's confirmations fell behind it (each send waits on a few round trips)");
  /** How long connecting may take before the attempt fails and is retried later (ms). */
  static final int CONNECT_TIMEOUT_MILLIS = 10_000;

  private SmtpSettings() {}

  /** The configured SMTP URL as a client configuration; {@link IllegalArgumentException} says why not. */
  public static MailConfig mailConfig(JsonObject config) {
    String url = Settings.SMTP_URL.required(config).trim();
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw malformed(url, "it is not a URL (" + e.getReason() + ")");
    }
    String scheme = uri.getScheme();
    if (!"smtp".equalsIgnoreCase(scheme) && !"smtps".equalsIgnoreCase(scheme)) {
      throw malformed(url, "it must start with smtp:// or smtps://");
    }
    if (uri.getHost() == null || uri.getHost().isBlank()) {
      throw malformed(url, "it names no host");
    }
    if ((uri.getPath() != null && !uri.getPath().isEmpty() && !uri.getPath().equals("/"))
        || uri.getQuery() != null || uri.getFragment() != null) {
      throw malformed(url, "it has a path, query or fragment; only [user[:password]@]host[:port]");
    }
    boolean tls = "smtps".equalsIgnoreCase(scheme);
    MailConfig mail = new MailConfig()
        .setHostname(uri.getHost())
        .setPort(uri.getPort() > 0 ? uri.getPort() : tls ? 465 : 25)
        .setSsl(tls)
        .setStarttls(tls ? StartTLSOptions.DISABLED : StartTLSOptions.OPTIONAL)
        .setMaxPoolSize(Math.max(1, CONNECTIONS.integer(config)))
        .setKeepAlive(true)
        .setConnectTimeout(CONNECT_TIMEOUT_MILLIS)
        // TLS (smtps, or STARTTLS) checks the certificate names the host, as HTTPS does.
        .setHostnameVerificationAlgorithm("HTTPS")
        // A recipient refused by the server is that mail's failure, not a silent partial send.
        .setAllowRcptErrors(false);
    String userInfo = uri.getRawUserInfo();
    if (userInfo == null || userInfo.isEmpty()) {
      return mail.setLogin(LoginOption.DISABLED);
    }
    int colon = userInfo.indexOf(':');
    String user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
    String password = colon < 0 ? "" : decode(userInfo.substring(colon + 1));
    if (user.isEmpty()) {
      throw malformed(url, "it has a password but no user");
    }
    return mail.setLogin(LoginOption.REQUIRED).setUsername(user).setPassword(password);
  }

  /** The problem with the configured URL, or null when it is fine or unset. */
  public static String problem(JsonObject config) {
    if (Settings.SMTP_URL.blank(config)) {
      return null;
    }
    try {
      mailConfig(config);
      return null;
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
  }

  private static String decode(String part) {
    // Percent-escapes only: a '+' in a password is a plus, not a space.
    return URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  private static IllegalArgumentException malformed(String url, String why) {
    // Not echoed: the URL may carry a password.
    return new IllegalArgumentException(Settings.SMTP_URL.variable() + " is malformed: " + why
        + "; write it as smtp://[user[:password]@]host[:port], or smtps://... for TLS");
  }
}
