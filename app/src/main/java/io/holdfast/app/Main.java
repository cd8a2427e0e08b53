package io.holdfast.app;

import io.holdfast.app.log.LogFormat;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar holdfast.jar [--role ROLE]}: the whole platform in one JVM, or one role of a
 * cluster, configured by environment.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws Exception {
    Role role = Role.ALL;
    try {
      for (int i = 0; i < args.length; i++) {
        String arg = args[i];
        if (arg.equals("--help") || arg.equals("-h")) {
          printHelp();
          return;
        } else if (arg.equals("--role") && i + 1 < args.length) {
          role = Role.parse(args[++i]);
        } else if (arg.startsWith("--role=")) {
          role = Role.parse(arg.substring("--role=".length()));
        } else {
          throw new IllegalArgumentException(arg.equals("--role") ? "--role needs a role"
              : "Unknown argument " + arg);
        }
      }
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage() + "; see --help");
      System.exit(2);
      return;
    }
    // Hazelcast completes futures through the common pool; on 2 cores it has one thread.
    System.setProperty("java.util.concurrent.ForkJoinPool.common.parallelism", "4");
    Logger log = LoggerFactory.getLogger(Main.class);
    JsonObject config = PlatformSettings.fromEnvironment(System.getenv());
    boolean json;
    try {
      // Before the platform starts, so that its lines (the servers' too) are in the format.
      LogFormat.apply(config, role.cliName());
      json = LogFormat.of(config).equals(LogFormat.JSON);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage() + "; see --help");
      System.exit(2);
      return;
    }
    Platform platform;
    try {
      platform = Platform.start(config, role);
    } catch (Profile.Refused e) {
      log.error(e.getMessage());
      System.exit(1);
      return;
    } catch (Exception e) {
      log.error("Holdfast could not start: {}", e.getMessage(), e);
      System.exit(1);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      log.info("Shutting down");
      platform.close();
      stopped.countDown();
    }, "holdfast-shutdown"));
    List<String> welcome = welcome(platform, role);
    if (json) {
      // Stdout carries JSON lines only: the welcome is log lines too.
      welcome.stream().filter(line -> !line.isBlank()).forEach(log::info);
    } else {
      welcome.forEach(System.out::println);
    }
    stopped.await();
  }

  private static List<String> welcome(Platform platform, Role role) {
    String url = platform.baseUrl();
    List<String> lines = new ArrayList<>();
    lines.add("");
    if (role == Role.ALL) {
      lines.add("Holdfast is up at " + url + "  (open it in a browser)");
    } else {
      // scripts/cluster waits for this line.
      lines.add("Holdfast " + role.cliName() + " is up"
          + (role.servesApi() ? " at " + url : "") + " (grid member "
          + platform.hazelcast().getLocalEndpoint().getSocketAddress() + ")");
    }
    if (!role.servesApi()) {
      return lines;
    }
    lines.add("  health:    " + url + "/health/ready");
    if (platform.mailInboxUrl() != null) {
      lines.add("  mail:      curl " + platform.mailInboxUrl()
          + "  (every mail sent, caught here; curl " + platform.mailInboxUrl() + "1 reads one)");
    }
    if (platform.demo() != null) {
      Map<String, String> demo = platform.demo();
      lines.add("  organizer: " + demo.get("organizerEmail") + " / " + demo.get("password"));
      lines.add("  buyer:     " + demo.get("buyerEmail") + " / " + demo.get("password"));
      lines.add("  admin:     " + demo.get("adminEmail") + " / " + demo.get("password"));
      lines.add("  event:     " + url + "/events/" + demo.get("eventId")
          + "  (sections GA and B, seated; the API: /v1/events/" + demo.get("eventId") + ")");
    }
    lines.add("Press Ctrl-C to stop.");
    lines.add("");
    return lines;
  }

  private static void printHelp() {
    System.out.println("""
        Holdfast: the ticketing platform for the on-sale drop.

        Usage: java -jar app/target/holdfast.jar [--role ROLE] [--help]

        By default (--role all) starts, in this JVM, PostgreSQL, Kafka, Redis and an SMTP
        server that catches every mail (embedded, unless configured below), a Hazelcast member,
        the reservation core, the payment, expiry and mail workers and the HTTP API, then seeds
        a demo organizer, buyer and on-sale event.
        scripts/cluster runs each role in a process of its own.

        Roles:""");
    for (Role r : Role.values()) {
      System.out.printf("  %-8s %s%n", r.cliName(), r.meaning());
    }
    System.out.println("""

        Every role but all shares its servers with the others: it refuses to start unless
        HOLDFAST_PG_URL, HOLDFAST_KAFKA_BOOTSTRAP and HOLDFAST_REDIS_URL are set, a worker
        unless HOLDFAST_SMTP_URL is set too, and an edge unless its token keys come from files
        (HOLDFAST_JWT_PRIVATE_KEY_FILE and HOLDFAST_JWT_PUBLIC_KEY_FILE). Members find each
        other through HOLDFAST_HAZELCAST_MEMBERS.

        That is the development profile, the default, and one log line at start says what
        makes it one. HOLDFAST_PROFILE=production refuses to start, naming every reason,
        unless every server is given by URL (SMTP too), the token keys come from files, there
        is no demo data, payments go through Stripe and metrics have a management port of their
        own.

        Environment:""");
    System.out.print(SettingsText.help(PlatformSettings.CATALOGUE));
  }
}
