package io.holdfast.infra;

import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.contracts.Topics;
import io.holdfast.support.config.Settings;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The embedded infrastructure")
class InfrastructureTest {

  @Test
  @DisplayName("PostgreSQL answers select 1 over JDBC at the configured URL")
  void postgresAnswers() throws Exception {
    URI url = URI.create(TestInfrastructure.config().getString(Settings.PG_URL.key()));
    String[] credentials = url.getUserInfo().split(":", 2);
    String jdbc = "jdbc:postgresql://" + url.getHost() + ":" + url.getPort() + url.getPath();

    try (Connection connection = DriverManager.getConnection(jdbc, credentials[0], credentials[1]);
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery("select 1")) {
      assertThat(result.next()).isTrue();
      assertThat(result.getInt(1)).isEqualTo(1);
    }
  }

  @Test
  @DisplayName("PostgreSQL answers the Vert.x client at the same URL")
  void postgresAnswersVertx() throws Exception {
    String url = TestInfrastructure.config().getString(Settings.PG_URL.key());
    Vertx vertx = Vertx.vertx();
    try {
      Pool pool = PgBuilder.pool().connectingTo(url).using(vertx).build();
      RowSet<Row> rows = pool.query("select 1").execute().toCompletionStage().toCompletableFuture()
          .get(10, TimeUnit.SECONDS);
      assertThat(rows.iterator().next().getInteger(0)).isEqualTo(1);
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  @DisplayName("Kafka gives back a record produced to the holds topic")
  void kafkaRoundTrip() throws Exception {
    String bootstrap = TestInfrastructure.config().getString(Settings.KAFKA_BOOTSTRAP.key());
    String key = "event-" + UUID.randomUUID();
    String value = "{\"type\":\"hold.placed\",\"id\":\"" + UUID.randomUUID() + "\"}";

    RecordMetadata sent;
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true"), new StringSerializer(), new StringSerializer())) {
      sent = producer.send(new ProducerRecord<>(Topics.HOLDS, key, value)).get();
    }

    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ConsumerConfig.GROUP_ID_CONFIG, "infrastructure-test-" + UUID.randomUUID(),
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"), new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(Topics.HOLDS));
      ConsumerRecord<String, String> received = null;
      long deadline = System.currentTimeMillis() + 30_000;
      while (received == null && System.currentTimeMillis() < deadline) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
          if (record.key().equals(key)) {
            received = record;
          }
        }
      }
      assertThat(received).as("the record sent to %s", sent).isNotNull();
      assertThat(received.value()).isEqualTo(value);
      assertThat(received.partition()).isEqualTo(sent.partition());
      assertThat(received.offset()).isEqualTo(sent.offset());
    }
  }

  @Test
  @DisplayName("Redis stores a value and returns it")
  void redisRoundTrip() throws Exception {
    URI url = URI.create(TestInfrastructure.config().getString(Settings.REDIS_URL.key()));
    String key = "infrastructure-test:" + UUID.randomUUID();

    try (Socket socket = new Socket(url.getHost(), url.getPort())) {
      socket.setSoTimeout(5_000);
      OutputStream out = socket.getOutputStream();
      BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));

      out.write(resp("SET", key, "held"));
      assertThat(in.readLine()).isEqualTo("+OK");
      out.write(resp("GET", key));
      assertThat(in.readLine()).isEqualTo("$4");
      assertThat(in.readLine()).isEqualTo("held");
    }
  }

  @Test
  @DisplayName("Servers named in the configuration are used as they are and nothing is started")
  void externalServersAreLeftAlone() {
    JsonObject given = new JsonObject()
        .put(Settings.PG_URL.key(), "postgresql://app:secret@db.example:5432/holdfast")
        .put(Settings.KAFKA_BOOTSTRAP.key(), "kafka.example:9092")
        .put(Settings.REDIS_URL.key(), "redis://cache.example:6379")
        .put(Settings.SMTP_URL.key(), "smtp://mail.example:25");

    try (Infrastructure infrastructure = Infrastructure.start(given, 4)) {
      assertThat(infrastructure.config()).isEqualTo(given);
    }
    assertThat(Infrastructure.withoutPassword("postgresql://app:secret@db.example:5432/holdfast"))
        .isEqualTo("postgresql://app:***@db.example:5432/holdfast");
  }

  @Test
  @DisplayName("The SMTP server catches a mail, and its inbox lists it and serves it whole over HTTP")
  void smtpCatchesAndListsMail() throws Exception {
    MailServer mail = TestInfrastructure.mail();
    URI smtp = URI.create(TestInfrastructure.config().getString(Settings.SMTP_URL.key()));
    assertThat(smtp.getHost()).isEqualTo(LoopbackPorts.HOST);
    String subject = "Caught " + UUID.randomUUID();
    send(smtp.getPort(), subject);

    assertThat(mail.messages()).anySatisfy(m -> assertThat(m.getSubject()).isEqualTo(subject));
    String inbox = TestInfrastructure.config().getString(Settings.MAIL_INBOX_URL);
    assertThat(inbox).isEqualTo(mail.inboxUrl()).startsWith("http://127.0.0.1:");
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> list = http.send(HttpRequest.newBuilder(
        URI.create(inbox)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(list.statusCode()).isEqualTo(200);
    JsonObject listed = new JsonArray(list.body()).stream()
        .map(JsonObject.class::cast)
        .filter(m -> subject.equals(m.getString("subject"))).findFirst().orElseThrow();
    assertThat(listed.getString("to")).isEqualTo("someone@example.org");
    assertThat(listed.getString("from")).isEqualTo("tickets@holdfast.local");
    assertThat(listed.getString("date")).isNotBlank();

    HttpResponse<String> one = http.send(HttpRequest.newBuilder(
            URI.create(inbox + listed.getInteger("id"))).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(one.statusCode()).isEqualTo(200);
    assertThat(one.body()).contains("Subject: " + subject, "Hello <there>");
    assertThat(http.send(HttpRequest.newBuilder(URI.create(inbox + "999999"))
        .build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
    assertThat(http.send(HttpRequest.newBuilder(URI.create(inbox))
            .POST(HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(405);
  }

  @Test
  @DisplayName("The SMTP server keeps a bounded number of mails: past the bound it forgets them")
  void smtpMemoryIsBounded() throws Exception {
    try (MailServer mail = MailServer.start()) {
      for (int i = 0; i < 3; i++) {
        send(mail.port(), "bounded " + i);
      }
      mail.trim(3);
      assertThat(mail.messages()).hasSize(3);
      mail.trim(2);
      assertThat(mail.messages()).isEmpty();
    }
  }

  /** One plain mail to the SMTP server on {@code port}, through Jakarta Mail. */
  private static void send(int port, String subject) throws Exception {
    Properties props = new Properties();
    props.put("mail.smtp.host", LoopbackPorts.HOST);
    props.put("mail.smtp.port", String.valueOf(port));
    MimeMessage message = new MimeMessage(Session.getInstance(props));
    message.setFrom("tickets@holdfast.local");
    message.setRecipients(Message.RecipientType.TO, "someone@example.org");
    message.setSubject(subject);
    message.setText("Hello <there>");
    Transport.send(message);
  }

  /** A command in RESP, Redis's wire protocol: an array of bulk strings. */
  private static byte[] resp(String... parts) {
    StringBuilder command = new StringBuilder("*").append(parts.length).append("\r\n");
    for (String part : parts) {
      command.append('$').append(part.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(part).append("\r\n");
    }
    return command.toString().getBytes(StandardCharsets.UTF_8);
  }
}
