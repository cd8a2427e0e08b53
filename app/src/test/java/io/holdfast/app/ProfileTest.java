package io.holdfast.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;

/**
 * The profiles' checks, on configurations read from the environment as the launcher reads it.
 * No server starts: the checks run before anything does.
 */
@DisplayName("Profiles: development says what it is, production refuses what is unsafe")
class ProfileTest {
  @TempDir
  static Path keys;

  @BeforeAll
  static void keyFiles() throws IOException {
    Files.writeString(keys.resolve("private.pem"), "-----BEGIN PRIVATE KEY-----");
    Files.writeString(keys.resolve("public.pem"), "-----BEGIN PUBLIC KEY-----");
  }

  /** What an operator sets for production: the environment every unsafe case starts from. */
  private static Map<String, String> safe() {
    Map<String, String> env = new HashMap<>();
    env.put("HOLDFAST_PROFILE", "production");
    env.put("HOLDFAST_PG_URL", "postgresql://holdfast:secret@db:5432/holdfast");
    env.put("HOLDFAST_KAFKA_BOOTSTRAP", "kafka-1:9092,kafka-2:9092");
    env.put("HOLDFAST_REDIS_URL", "redis://redis:6379");
    env.put("HOLDFAST_SMTP_URL", "smtps://holdfast:secret@mail.example:465");
    env.put("HOLDFAST_JWT_PRIVATE_KEY_FILE", keys.resolve("private.pem").toString());
    env.put("HOLDFAST_JWT_PUBLIC_KEY_FILE", keys.resolve("public.pem").toString());
    env.put("HOLDFAST_SEED", "false");
    env.put("HOLDFAST_PLATFORM_KEY", "c2l4dHktZm91ci1ieXRlcy1vZi1hLXRlc3Qtb25seS1wbGF0Zm9ybS1rZXk=");
    env.put("HOLDFAST_STRIPE_SECRET_KEY", "sk_live_holdfast");
    env.put("HOLDFAST_STRIPE_WEBHOOK_SECRET", "whsec_holdfast");
    env.put("HOLDFAST_MANAGEMENT_PORT", "9090");
    return env;
  }

  private static JsonObject config(Map<String, String> env) {
    return PlatformSettings.fromEnvironment(env);
  }

  @Test
  @DisplayName("a fully safe production configuration passes the checks")
  void safePasses() {
    assertThat(Profile.unsafe(config(safe()))).isEmpty();
    Profile.check(config(safe()));
    assertThat(Profile.of(config(safe()))).isEqualTo(Profile.PRODUCTION);
  }

  static Stream<Arguments> unsafeSettings() {
    return Stream.of(
        unsafe("embedded PostgreSQL", env -> env.remove("HOLDFAST_PG_URL"), "HOLDFAST_PG_URL"),
        unsafe("embedded Kafka", env -> env.remove("HOLDFAST_KAFKA_BOOTSTRAP"),
            "HOLDFAST_KAFKA_BOOTSTRAP"),
        unsafe("embedded Redis", env -> env.remove("HOLDFAST_REDIS_URL"), "HOLDFAST_REDIS_URL"),
        unsafe("embedded SMTP", env -> env.remove("HOLDFAST_SMTP_URL"), "HOLDFAST_SMTP_URL"),
        unsafe("a generated token key", env -> env.remove("HOLDFAST_JWT_PRIVATE_KEY_FILE"),
            "HOLDFAST_JWT_PRIVATE_KEY_FILE"),
        unsafe("no public key file", env -> env.remove("HOLDFAST_JWT_PUBLIC_KEY_FILE"),
            "HOLDFAST_JWT_PUBLIC_KEY_FILE"),
        unsafe("a key file that cannot be read", env -> env.put("HOLDFAST_JWT_PRIVATE_KEY_FILE",
            keys.resolve("missing.pem").toString()), "HOLDFAST_JWT_PRIVATE_KEY_FILE"),
        unsafe("the development platform key", env -> env.remove("HOLDFAST_PLATFORM_KEY"),
            "HOLDFAST_PLATFORM_KEY"),
        unsafe("demo data by default", env -> env.remove("HOLDFAST_SEED"), "HOLDFAST_SEED"),
        unsafe("demo data asked for", env -> env.put("HOLDFAST_SEED", "true"), "HOLDFAST_SEED"),
        unsafe("no Stripe key", env -> env.remove("HOLDFAST_STRIPE_SECRET_KEY"),
            "HOLDFAST_STRIPE_SECRET_KEY"),
        unsafe("no webhook secret", env -> env.remove("HOLDFAST_STRIPE_WEBHOOK_SECRET"),
            "HOLDFAST_STRIPE_WEBHOOK_SECRET"),
        unsafe("simulated checkout", env -> env.put("HOLDFAST_PAYMENT_PROVIDER", "simulated"),
            "HOLDFAST_PAYMENT_PROVIDER"),
        unsafe("no management port", env -> env.remove("HOLDFAST_MANAGEMENT_PORT"),
            "HOLDFAST_MANAGEMENT_PORT"),
        unsafe("the management port on the API's", env -> {
          env.put("HOLDFAST_HTTP_PORT", "9090");
        }, "HOLDFAST_MANAGEMENT_PORT"));
  }

  private static Arguments unsafe(String name, Consumer<Map<String, String>> change,
      String variable) {
    return Arguments.of(name, change, variable);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unsafeSettings")
  @DisplayName("each unsafe setting alone is refused, with a sentence naming the variable to set")
  void eachUnsafeSettingIsRefused(String name, Consumer<Map<String, String>> change,
      String variable) {
    Map<String, String> env = safe();
    change.accept(env);
    assertThatThrownBy(() -> Profile.check(config(env)))
        .isInstanceOfSatisfying(Profile.Refused.class, refused -> {
          assertThat(refused.reasons()).hasSize(1);
          assertThat(refused.reasons().get(0)).contains(variable);
          assertThat(refused.getMessage()).startsWith("HOLDFAST_PROFILE=production refuses")
              .contains(refused.reasons().get(0));
        });
  }

  @Test
  @DisplayName("production without any setting is refused with every reason at once")
  void everyReasonAtOnce() {
    assertThatThrownBy(() -> Profile.check(config(Map.of("HOLDFAST_PROFILE", "production"))))
        .isInstanceOfSatisfying(Profile.Refused.class, refused -> {
          assertThat(refused.reasons()).hasSize(10);
          assertThat(refused.getMessage()).contains("HOLDFAST_PG_URL", "HOLDFAST_PLATFORM_KEY",
              "HOLDFAST_SMTP_URL",
              "HOLDFAST_KAFKA_BOOTSTRAP", "HOLDFAST_REDIS_URL", "HOLDFAST_JWT_PRIVATE_KEY_FILE",
              "HOLDFAST_JWT_PUBLIC_KEY_FILE", "HOLDFAST_SEED", "HOLDFAST_STRIPE_SECRET_KEY",
              "HOLDFAST_STRIPE_WEBHOOK_SECRET", "HOLDFAST_MANAGEMENT_PORT");
        });
  }

  @Test
  @DisplayName("a profile that is neither development nor production is refused")
  void unknownProfile() {
    assertThatThrownBy(() -> Profile.check(config(Map.of("HOLDFAST_PROFILE", "prod"))))
        .isInstanceOf(Profile.Refused.class).hasMessageContaining("HOLDFAST_PROFILE")
        .hasMessageContaining("prod");
  }

  @Test
  @DisplayName("the development start logs one line saying it is a development setup, and why")
  void developmentSaysSo() {
    Logger logger = (Logger) LoggerFactory.getLogger(Profile.class);
    ListAppender<ILoggingEvent> lines = new ListAppender<>();
    lines.start();
    logger.addAppender(lines);
    try {
      Profile.check(config(Map.of()));
    } finally {
      logger.detachAppender(lines);
    }
    assertThat(lines.list).hasSize(1);
    ILoggingEvent line = lines.list.get(0);
    assertThat(line.getLevel()).isEqualTo(Level.INFO);
    assertThat(line.getFormattedMessage()).startsWith("Development setup")
        .contains("PostgreSQL embedded", "Kafka embedded", "Redis embedded",
            "token key generated", "demo data", "payments simulated",
            "HOLDFAST_PROFILE=production");
  }


  @Test
  @DisplayName("the launcher in production exits non-zero at once, naming each reason, without starting a server")
  void launcherRefuses() throws Exception {
    ProcessBuilder launcher = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Main.class.getName())
        .redirectErrorStream(true);
    launcher.environment().keySet().removeIf(name -> name.startsWith("HOLDFAST_"));
    launcher.environment().put("HOLDFAST_PROFILE", "production");
    Process process = launcher.start();
    boolean exited = process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS);
    if (!exited) {
      process.destroyForcibly().waitFor();
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(exited).as("the launcher exited within 60 s; it printed:%n%s", output).isTrue();
    assertThat(process.exitValue()).as(output).isNotZero();
    assertThat(output).contains("refuses to start", "HOLDFAST_PG_URL", "HOLDFAST_SEED",
        "HOLDFAST_MANAGEMENT_PORT").doesNotContain("(embedded) at");
    assertThat(List.of(output.split("\n"))).filteredOn(l -> l.startsWith("  - ")).hasSize(10);
  }

  @Test
  @DisplayName("a role of a cluster refuses embedded servers, and an edge a generated key, whatever the profile")
  void rolesShareTheirServers() {
    JsonObject bare = PlatformSettings.fromEnvironment(Map.of());
    assertThatThrownBy(() -> Profile.check(bare, Role.EDGE))
        .isInstanceOfSatisfying(Profile.Refused.class, r -> assertThat(r.reasons()).hasSize(4))
        .hasMessageContaining("--role edge").hasMessageContaining("HOLDFAST_PG_URL")
        .hasMessageContaining("HOLDFAST_JWT_PRIVATE_KEY_FILE");
    assertThatThrownBy(() -> Profile.check(bare, Role.MEMBER))
        .isInstanceOfSatisfying(Profile.Refused.class, r -> assertThat(r.reasons()).hasSize(3));

    Map<String, String> servers = new HashMap<>(Map.of(
        "HOLDFAST_PG_URL", "postgresql://holdfast:secret@db:5432/holdfast",
        "HOLDFAST_KAFKA_BOOTSTRAP", "kafka-1:9092", "HOLDFAST_REDIS_URL", "redis://redis:6379"));
    JsonObject shared = PlatformSettings.fromEnvironment(servers);
    Profile.check(shared, Role.MEMBER);
    // A worker sends mail, so it needs an SMTP server of the cluster's too.
    assertThatThrownBy(() -> Profile.check(shared, Role.WORKER))
        .isInstanceOfSatisfying(Profile.Refused.class, r -> assertThat(r.reasons()).hasSize(1))
        .hasMessageContaining("--role worker").hasMessageContaining("HOLDFAST_SMTP_URL");
    servers.put("HOLDFAST_SMTP_URL", "smtp://mail.example:25");
    Profile.check(PlatformSettings.fromEnvironment(servers), Role.WORKER);
    assertThatThrownBy(() -> Profile.check(shared, Role.EDGE))
        .isInstanceOfSatisfying(Profile.Refused.class, r -> assertThat(r.reasons()).hasSize(1));
    // The one-JVM platform embeds whatever it is not given.
    Profile.check(bare, Role.ALL);
  }

  @Test
  @DisplayName("seeds and a DNS name for the grid at once are refused, naming both")
  void seedsOrServiceDns() {
    Map<String, String> env = safe();
    env.put("HOLDFAST_HAZELCAST_SERVICE_DNS", "holdfast-members");
    Profile.check(config(env), Role.MEMBER);
    env.put("HOLDFAST_HAZELCAST_MEMBERS", "10.0.0.1:5701");
    assertThatThrownBy(() -> Profile.check(config(env), Role.MEMBER))
        .isInstanceOfSatisfying(Profile.Refused.class, r -> assertThat(r.reasons()).hasSize(1))
        .hasMessageContaining("HOLDFAST_HAZELCAST_MEMBERS")
        .hasMessageContaining("HOLDFAST_HAZELCAST_SERVICE_DNS");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformedSmtpUrls")
  @DisplayName("a malformed SMTP URL is refused before anything starts, saying what is wrong and never echoing it")
  void malformedSmtpUrl(String url, String says) {
    JsonObject config = PlatformSettings.fromEnvironment(Map.of("HOLDFAST_SMTP_URL", url));
    assertThatThrownBy(() -> Profile.check(config, Role.ALL))
        .isInstanceOfSatisfying(Profile.Refused.class, r -> assertThat(r.reasons()).hasSize(1))
        .hasMessageContaining("HOLDFAST_SMTP_URL is malformed").hasMessageContaining(says)
        .hasMessageNotContaining("s3cret");
  }

  static Stream<Arguments> malformedSmtpUrls() {
    return Stream.of(
        Arguments.of("http://mail.example", "smtp:// or smtps://"),
        Arguments.of("mail.example:25", "smtp:// or smtps://"),
        Arguments.of("smtp://user:s3cret@", "no host"),
        Arguments.of("smtp://:s3cret@mail.example", "no user"),
        Arguments.of("smtp://mail.example/inbox", "path"),
        Arguments.of("smtp://us er:s3cret@mail.example", "not a URL"));
  }

  @ParameterizedTest(name = "{0}={1}")
  @MethodSource("unusableServerSettings")
  @DisplayName("a malformed PostgreSQL, Redis or Kafka setting, or TLS PostgreSQL cannot do, is refused before anything starts, saying what is wrong and never echoing a password")
  void unusableServerSetting(String variable, String url, String says) {
    JsonObject config = PlatformSettings.fromEnvironment(Map.of(variable, url));
    assertThatThrownBy(() -> Profile.check(config, Role.ALL))
        .isInstanceOfSatisfying(Profile.Refused.class, r -> assertThat(r.reasons()).hasSize(1))
        .hasMessageContaining(variable).hasMessageContaining(says)
        .hasMessageNotContaining("s3cret");
  }

  static Stream<Arguments> unusableServerSettings() {
    String pg = "HOLDFAST_PG_URL";
    String redis = "HOLDFAST_REDIS_URL";
    String kafka = "HOLDFAST_KAFKA_BOOTSTRAP";
    return Stream.of(
        Arguments.of(pg, "http://db.example/holdfast", "is malformed"),
        Arguments.of(pg, "postgresql://u:s3cret@db.example:port/holdfast", "is malformed"),
        Arguments.of(pg, "postgresql://u:s3cret@db.example/holdfast?sslmode=sometimes",
            "is malformed"),
        Arguments.of(pg, "postgresql://u:s3 cret@db.example/holdfast", "is malformed"),
        Arguments.of(pg, "postgresql://u:s3cret@db.example/holdfast?sslmode=verify-full",
            "names no sslrootcert"),
        Arguments.of(pg, "postgresql://u:s3cret@db.example/holdfast?sslmode=verify-ca",
            "names no sslrootcert"),
        Arguments.of(pg, "postgresql://u:s3cret@db.example/holdfast?sslmode=verify-full"
            + "&sslrootcert=/no/such/ca.pem", "/no/such/ca.pem is not a file"),
        Arguments.of(redis, "http://:s3cret@cache.example:6379", "redis:// or rediss://"),
        Arguments.of(redis, "redis://:s3cret@cache.example:port", "no host"),
        Arguments.of(redis, "redis://:s3cret@cache.example:6379/zero", "database"),
        Arguments.of(redis, "redis://:s3 cret@cache.example", "not a URL"),
        Arguments.of(kafka, "kafka.example", "'kafka.example' is not host:port"),
        Arguments.of(kafka, "kafka.example:9092,kafka2.example:99999", "kafka2.example:99999"),
        Arguments.of("HOLDFAST_KAFKA_SECURITY_PROTOCOL", "TLS", "PLAINTEXT or SSL"));
  }
}
