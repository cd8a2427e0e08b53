package io.holdfast.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.holdfast.support.config.Settings;
import io.holdfast.support.db.Database;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL over TLS, as RDS serves it (rds.force_ssl): a server whose certificate names
 * {@code localhost} and is issued by an authority of the test's own, reached through
 * {@link Database}'s pool (Vert.x) and its migrations (JDBC) with the sslmode and sslrootcert
 * of libpq's URLs.
 */
@DisplayName("PostgreSQL over TLS: sslmode and sslrootcert in HOLDFAST_PG_URL")
class PostgresTlsTest {
  @TempDir
  static Path dir;
  static EmbeddedPostgres postgres;
  static Vertx vertx;
  static Path ca;
  static Path otherCa;

  @BeforeAll
  static void start() throws Exception {
    KeyPair caKey = keyPair();
    X509CertificateHolder caCert = certificate("CN=Holdfast test CA", caKey, "CN=Holdfast test CA",
        caKey, null);
    KeyPair serverKey = keyPair();
    X509CertificateHolder serverCert = certificate("CN=localhost", serverKey, "CN=Holdfast test CA",
        caKey, "localhost");
    KeyPair otherKey = keyPair();
    ca = pem(dir.resolve("ca.pem"), caCert);
    otherCa = pem(dir.resolve("other-ca.pem"), certificate("CN=Another CA", otherKey,
        "CN=Another CA", otherKey, null));
    Path cert = pem(dir.resolve("server.crt"), serverCert);
    // PKCS#8, which OpenSSL reads for any key type (the writer's own EC form it refuses).
    Path key = Files.writeString(dir.resolve("server.key"), "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(
            serverKey.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n");
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
    Path data = Files.createTempDirectory("holdfast-pg-tls-");
    postgres = EmbeddedPostgres.builder()
        .setDataDirectory(data)
        .setCleanDataDirectory(true)
        .setPort(LoopbackPorts.free())
        .setServerConfig("listen_addresses", LoopbackPorts.HOST)
        .setServerConfig("ssl", "on")
        .setServerConfig("ssl_cert_file", cert.toString())
        .setServerConfig("ssl_key_file", key.toString())
        .start();
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() throws Exception {
    if (vertx != null) {
      vertx.close().await(20, TimeUnit.SECONDS);
    }
    if (postgres != null) {
      postgres.close();
    }
  }

  private static String url(String host, String query) {
    return "postgresql://postgres:postgres@" + host + ":" + postgres.getPort() + "/postgres?"
        + query;
  }

  /** Whether the pool's connection is encrypted, as the server sees it. */
  private static boolean encrypted(String url) throws Exception {
    Pool pool = Database.pool(vertx, new JsonObject().put(Settings.PG_URL.key(), url));
    try {
      return pool.query("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()").execute()
          .await(20, TimeUnit.SECONDS).iterator().next().getBoolean(0);
    } finally {
      pool.close().await(20, TimeUnit.SECONDS);
    }
  }

  private static int migrate(String url) throws Exception {
    return Database.migrate(vertx, new JsonObject().put(Settings.PG_URL.key(), url))
        .await(60, TimeUnit.SECONDS);
  }

  @Test
  @DisplayName("verify-full with the issuing authority's file connects encrypted, by the pool and by the migrations")
  void verifyFull() throws Exception {
    String url = url("localhost", "sslmode=verify-full&sslrootcert=" + ca);
    assertThat(encrypted(url)).isTrue();
    assertThat(migrate(url)).isGreaterThanOrEqualTo(0);
  }

  @Test
  @DisplayName("verify-full refuses a server whose certificate names another host; verify-ca, which checks only the chain, takes it")
  void verifyFullChecksTheHost() throws Exception {
    assertThatThrownBy(() -> encrypted(url("127.0.0.1", "sslmode=verify-full&sslrootcert=" + ca)))
        .hasStackTraceContaining("handshake");
    assertThatThrownBy(() -> migrate(url("127.0.0.1", "sslmode=verify-full&sslrootcert=" + ca)))
        .hasStackTraceContaining("127.0.0.1");
    assertThat(encrypted(url("127.0.0.1", "sslmode=verify-ca&sslrootcert=" + ca))).isTrue();
  }

  @Test
  @DisplayName("a certificate from an authority other than sslrootcert's is refused, by the pool and by the migrations, whatever the mode")
  void otherAuthorityRefused() {
    for (String mode : new String[] {"require", "verify-ca", "verify-full"}) {
      String url = url("localhost", "sslmode=" + mode + "&sslrootcert=" + otherCa);
      assertThatThrownBy(() -> encrypted(url)).as(mode).hasStackTraceContaining("handshake");
      assertThatThrownBy(() -> migrate(url)).as(mode).hasStackTraceContaining("SSL");
    }
  }

  @Test
  @DisplayName("require without sslrootcert encrypts without checking the certificate, as libpq does")
  void requireEncrypts() throws Exception {
    assertThat(encrypted(url("127.0.0.1", "sslmode=require"))).isTrue();
    assertThat(migrate(url("127.0.0.1", "sslmode=require"))).isGreaterThanOrEqualTo(0);
    assertThat(encrypted(url("127.0.0.1", "sslmode=disable"))).isFalse();
  }

  @Test
  @DisplayName("verify-ca or verify-full without sslrootcert is refused before connecting, naming what to add")
  void verifyWithoutRootCertRefused() {
    for (String mode : new String[] {"verify-ca", "verify-full"}) {
      assertThatThrownBy(() -> Database.connectOptions(url("localhost", "sslmode=" + mode)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("sslmode=" + mode).hasMessageContaining("sslrootcert=");
    }
  }

  private static KeyPair keyPair() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(256);
    return generator.generateKeyPair();
  }

  /** A certificate for {@code subject}, issued by {@code issuer}; an authority when no host. */
  private static X509CertificateHolder certificate(String subject, KeyPair subjectKey,
      String issuer, KeyPair issuerKey, String host) throws Exception {
    Instant now = Instant.now();
    JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(new X500Name(issuer),
        new BigInteger(64, new SecureRandom()), Date.from(now.minus(Duration.ofHours(1))),
        Date.from(now.plus(Duration.ofDays(1))), new X500Name(subject), subjectKey.getPublic());
    if (host == null) {
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
    } else {
      builder.addExtension(Extension.subjectAlternativeName, false,
          new GeneralNames(new GeneralName(GeneralName.dNSName, host)));
    }
    return builder.build(new JcaContentSignerBuilder("SHA256withECDSA")
        .build(issuerKey.getPrivate()));
  }

  private static Path pem(Path file, Object object) throws IOException {
    try (Writer out = Files.newBufferedWriter(file); JcaPEMWriter pem = new JcaPEMWriter(out)) {
      pem.writeObject(object);
    }
    return file;
  }
}
