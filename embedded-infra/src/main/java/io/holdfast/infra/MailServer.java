package io.holdfast.infra;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real SMTP server (GreenMail) on 127.0.0.1 that keeps every message it is sent, and beside it
 * a tiny read-only HTTP inbox, so a person with only curl reads what the platform mailed:
 * {@code GET /} lists the caught messages as JSON (id, from, to, subject, date), {@code GET /ID}
 * answers one message as it went over the wire (.eml: headers, the text and the HTML part).
 * Nothing is sent on: every address, real or not, lands here. It keeps at most {@link #KEEP}
 * mails (a benchmark's on-sale mails thousands): past that, it forgets them all and says so.
 *
 * <p>{@code java -cp ... io.holdfast.infra.MailServer [SMTP_PORT [INBOX_PORT]]} runs it alone
 * (scripts/cluster does, for its workers).
 */
public final class MailServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MailServer.class);
  /** Mails kept in memory at most; checked every {@link #TRIM_SECONDS}. */
  static final int KEEP = 10_000;
  private static final int TRIM_SECONDS = 5;

  private final GreenMail greenMail;
  private final HttpServer inbox;
  private final int port;
  private final ScheduledExecutorService trimmer;

  private MailServer(GreenMail greenMail, HttpServer inbox, int port) {
    this.greenMail = greenMail;
    this.inbox = inbox;
    this.port = port;
    this.trimmer = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "holdfast-mail-trim");
      thread.setDaemon(true);
      return thread;
    });
    trimmer.scheduleWithFixedDelay(() -> trim(KEEP), TRIM_SECONDS, TRIM_SECONDS,
        TimeUnit.SECONDS);
  }

  /** Forgets every caught mail when there are more than {@code keep}. */
  void trim(int keep) {
    try {
      int caught = greenMail.getReceivedMessages().length;
      if (caught > keep) {
        purge();
        LOG.info("The embedded SMTP server forgot the {} mails it caught (it keeps at most {})",
            caught, keep);
      }
    } catch (RuntimeException e) {
      LOG.warn("Could not trim the caught mail", e);
    }
  }

  /** Starts on free loopback ports. */
  public static MailServer start() {
    return start(LoopbackPorts.free(), 0);
  }

  /** Jakarta Mail's system property naming its stream provider class. */
  private static final String STREAM_PROVIDER = "jakarta.mail.util.StreamProvider";

  /** Starts SMTP on {@code smtpPort} and the inbox on {@code inboxPort} (0: a free one). */
  public static MailServer start(int smtpPort, int inboxPort) {
    return start(LoopbackPorts.HOST, smtpPort, inboxPort);
  }

  /**
   * Both on {@code host} instead of 127.0.0.1: 0.0.0.0 in a container on a network of its own,
   * whose other containers send to it.
   */
  public static MailServer start(String host, int smtpPort, int inboxPort) {
    // GreenMail makes a Jakarta Mail session for every message caught, and each one looked its
    // stream provider up through ServiceLoader over the whole classpath (a tenth of the
    // platform's CPU when it mails a sale). Named here, it is one class lookup.
    if (System.getProperty(STREAM_PROVIDER) == null) {
      System.setProperty(STREAM_PROVIDER, "org.eclipse.angus.mail.util.MailStreamProvider");
    }
    GreenMail greenMail = new GreenMail(new ServerSetup(smtpPort, host,
        ServerSetup.PROTOCOL_SMTP))
        // Any client may send, with or without a login: this server only catches.
        .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
    greenMail.start();
    try {
      HttpServer inbox = HttpServer.create(
          new InetSocketAddress(InetAddress.getByName(host), inboxPort), 16);
      MailServer server = new MailServer(greenMail, inbox, smtpPort);
      inbox.createContext("/", server::answer);
      inbox.start();
      LOG.debug("SMTP started on port {}, inbox at {}", smtpPort, server.inboxUrl());
      return server;
    } catch (IOException e) {
      greenMail.stop();
      throw new UncheckedIOException("the inbox of the embedded SMTP server did not start", e);
    }
  }

  /** {@code smtp://127.0.0.1:PORT}, the form HOLDFAST_SMTP_URL takes. */
  public String url() {
    return "smtp://" + LoopbackPorts.HOST + ":" + port;
  }

  public int port() {
    return port;
  }

  /** Where the caught mail is listed: {@code http://127.0.0.1:PORT/}. */
  public String inboxUrl() {
    return "http://" + LoopbackPorts.HOST + ":" + inbox.getAddress().getPort() + "/";
  }

  /** Every message caught so far, in the order received. */
  public List<MimeMessage> messages() {
    return List.of(greenMail.getReceivedMessages());
  }

  /** Forgets every message caught (tests reset between cases). */
  public void purge() {
    try {
      greenMail.purgeEmailFromAllMailboxes();
    } catch (FolderException e) {
      throw new IllegalStateException("could not empty the caught mail", e);
    }
  }

  @Override
  public void close() {
    trimmer.shutdownNow();
    inbox.stop(0);
    greenMail.stop();
    LOG.debug("SMTP on port {} stopped", port);
  }

  private void answer(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      if (!"GET".equals(exchange.getRequestMethod())) {
        send(exchange, 405, "text/plain", "read only: GET / or GET /ID\n");
        return;
      }
      MimeMessage[] caught = greenMail.getReceivedMessages();
      if (path.equals("/")) {
        send(exchange, 200, "application/json", list(caught).encodePrettily() + "\n");
        return;
      }
      int id = parseId(path.substring(1));
      if (id < 1 || id > caught.length) {
        send(exchange, 404, "text/plain", "no message " + path.substring(1)
            + "; GET / lists them\n");
        return;
      }
      ByteArrayOutputStream raw = new ByteArrayOutputStream();
      caught[id - 1].writeTo(raw);
      send(exchange, 200, "message/rfc822", raw.toString(StandardCharsets.UTF_8));
    } catch (MessagingException | RuntimeException e) {
      LOG.warn("The mail inbox could not answer {}", exchange.getRequestURI(), e);
    }
  }

  private static JsonArray list(MimeMessage[] caught) throws MessagingException {
    JsonArray list = new JsonArray();
    for (int i = 0; i < caught.length; i++) {
      MimeMessage m = caught[i];
      list.add(new JsonObject().put("id", i + 1)
          .put("from", addresses(m.getFrom()))
          .put("to", addresses(m.getAllRecipients()))
          .put("subject", m.getSubject())
          .put("date", m.getSentDate() == null ? null : m.getSentDate().toInstant().toString()));
    }
    return list;
  }

  private static String addresses(Address[] addresses) {
    return addresses == null ? ""
        : Arrays.stream(addresses).map(Address::toString).collect(Collectors.joining(", "));
  }

  private static int parseId(String text) {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static void send(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** Runs the server alone until the process is stopped. */
  public static void main(String[] args) throws InterruptedException {
    int smtpPort = args.length > 0 ? Integer.parseInt(args[0]) : LoopbackPorts.free();
    int inboxPort = args.length > 1 ? Integer.parseInt(args[1]) : 0;
    String host = args.length > 2 ? args[2] : LoopbackPorts.HOST;
    MailServer server = start(host, smtpPort, inboxPort);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      stopped.countDown();
    }, "holdfast-mail-stop"));
    System.out.println("SMTP at " + server.url() + "; caught mail: curl " + server.inboxUrl());
    stopped.await();
  }
}
