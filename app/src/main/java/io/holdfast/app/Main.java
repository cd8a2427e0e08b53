package io.holdfast.app;

import io.holdfast.support.config.Settings;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code java -jar holdfast.jar}: the whole platform in one JVM, configured by environment. */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws Exception {
    for (String arg : args) {
      if (arg.equals("--help") || arg.equals("-h")) {
        printHelp();
        return;
      }
      System.err.println("Unknown argument " + arg + "; see --help");
      System.exit(2);
    }
    // Hazelcast completes futures through the common pool; on 2 cores it has one thread.
    System.setProperty("java.util.concurrent.ForkJoinPool.common.parallelism", "4");
    Logger log = LoggerFactory.getLogger(Main.class);
    JsonObject config = PlatformSettings.fromEnvironment(System.getenv());
    Platform platform;
    try {
      platform = Platform.start(config);
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
    printWelcome(platform);
    stopped.await();
  }

  private static void printWelcome(Platform platform) {
    String url = platform.baseUrl();
    System.out.println();
    System.out.println("Holdfast is up at " + url);
    System.out.println("  health:    " + url + "/health/ready");
    if (platform.demo() != null) {
      Map<String, String> demo = platform.demo();
      System.out.println("  organizer: " + demo.get("organizerEmail") + " / " + demo.get("password"));
      System.out.println("  buyer:     " + demo.get("buyerEmail") + " / " + demo.get("password"));
      System.out.println("  event:     " + url + "/v1/events/" + demo.get("eventId")
          + "  (sections GA and B, seated)");
    }
    System.out.println("Press Ctrl-C to stop.");
    System.out.println();
  }

  private static void printHelp() {
    System.out.println("""
        Holdfast: the ticketing platform for the on-sale drop.

        Usage: java -jar app/target/holdfast.jar [--help]

        Starts, in this JVM, PostgreSQL, Kafka and Redis (embedded, unless configured below),
        a Hazelcast member, the reservation core, the payment and expiry workers and the
        HTTP API, then seeds a demo organizer, buyer and on-sale event.

        That is the development profile, the default, and one log line at start says what
        makes it one. HOLDFAST_PROFILE=production refuses to start, naming every reason,
        unless every server is given by URL, the token keys come from files, there is no demo
        data, payments go through Stripe and metrics have a management port of their own.

        Environment:""");
    PlatformSettings.VARIABLES.forEach((name, meaning) ->
        System.out.printf("  %-30s %s%n", name, meaning[1]));
    System.out.println();
    System.out.println("Settings keys: " + Settings.class.getName());
  }
}
