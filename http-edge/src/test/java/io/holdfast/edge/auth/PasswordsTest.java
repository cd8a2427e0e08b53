package io.holdfast.edge.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.contracts.problem.ProblemException;
import io.holdfast.testkit.auth.LegacyHashes;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Password hashes: Argon2id with its costs in the hash, PBKDF2 still verified, and a pool of their own")
class PasswordsTest {
  private static final PasswordHashes.Cost CHEAP = new PasswordHashes.Cost(64, 1, 1);
  private static final PasswordHashes HASHES = new PasswordHashes(CHEAP);

  @Test
  @DisplayName("a new hash is Argon2id in the PHC format with its costs, salted, and verifies")
  void argon2id() {
    String hash = HASHES.hash("correct horse");
    assertThat(hash).matches("\\$argon2id\\$v=19\\$m=64,t=1,p=1\\$[A-Za-z0-9+/]{22}"
        + "\\$[A-Za-z0-9+/]{43}");
    assertThat(HASHES.hash("correct horse")).isNotEqualTo(hash);
    assertThat(HASHES.verify("correct horse", hash))
        .isEqualTo(new PasswordHashes.Verdict(true, null));
    assertThat(HASHES.verify("wrong horse", hash).matches()).isFalse();
  }

  @Test
  @DisplayName("a PBKDF2 hash still verifies, and a match comes with its Argon2id replacement")
  void pbkdf2Rehashed() throws Exception {
    String old = LegacyHashes.pbkdf2("correct horse", 1000);
    PasswordHashes.Verdict verdict = HASHES.verify("correct horse", old);
    assertThat(verdict.matches()).isTrue();
    assertThat(verdict.rehashed()).startsWith("$argon2id$v=19$m=64,t=1,p=1$");
    assertThat(HASHES.verify("correct horse", verdict.rehashed()).matches()).isTrue();
    assertThat(HASHES.verify("wrong horse", old)).isEqualTo(new PasswordHashes.Verdict(false, null));
  }

  @Test
  @DisplayName("a match of a hash made with other costs comes with a hash of today's costs")
  void outdatedCostsRehashed() {
    String old = new PasswordHashes(new PasswordHashes.Cost(32, 2, 1)).hash("correct horse");
    PasswordHashes.Verdict verdict = HASHES.verify("correct horse", old);
    assertThat(verdict.matches()).isTrue();
    assertThat(verdict.rehashed()).startsWith("$argon2id$v=19$m=64,t=1,p=1$");
    assertThat(HASHES.verify("wrong horse", old).rehashed()).isNull();
  }

  @Test
  @DisplayName("no hash, a partner's placeholder or a mangled hash never match")
  void unusable() {
    String good = HASHES.hash("correct horse");
    for (String stored : new String[] {null, "none", "", good.replace("m=64", "m=4"),
        good.substring(0, good.length() - 5), "pbkdf2-sha256$0$AAAAAAAAAAAAAAAAAAAAAA$"
            + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}) {
      assertThat(HASHES.verify("correct horse", stored).matches()).as(stored).isFalse();
    }
  }

  @Test
  @DisplayName("hashing runs on its own pool: it goes on while every default worker is busy")
  void ownPool() throws Exception {
    Vertx vertx = Vertx.vertx(new VertxOptions().setWorkerPoolSize(1));
    try {
      CountDownLatch release = new CountDownLatch(1);
      vertx.executeBlocking(() -> release.await(30, TimeUnit.SECONDS), false);
      Passwords passwords = Passwords.create(vertx, new JsonObject()
          .put(Passwords.MEMORY_KIB.key(), 64).put(Passwords.PASSES.key(), 1));
      String hash = passwords.hash("correct horse").await(10, TimeUnit.SECONDS);
      assertThat(passwords.verify("correct horse", hash).await(10, TimeUnit.SECONDS).matches())
          .isTrue();
      release.countDown();
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  @Test
  @DisplayName("refuses at once with a 503 sign-in-busy when its share of the pool is full, and takes work again after")
  void boundedQueue() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      Passwords passwords = Passwords.create(vertx, new JsonObject().put(Passwords.WORKERS.key(), 1)
          .put(Passwords.MAX_WAITING.key(), 2).put(Passwords.MEMORY_KIB.key(), 8192).put(Passwords.PASSES.key(), 1));
      Future<String> running = passwords.hash("one password");
      Future<String> queued = passwords.hash("two password");
      Future<String> refused = passwords.hash("three password");
      assertThat(refused.failed()).as("refused without waiting").isTrue();
      assertThat(((ProblemException) refused.cause()).problem().slug())
          .isEqualTo("sign-in-busy");
      assertThat(((ProblemException) refused.cause()).problem().status()).isEqualTo(503);
      running.await(30, TimeUnit.SECONDS);
      queued.await(30, TimeUnit.SECONDS);
      assertThat(passwords.hash("four password").await(30, TimeUnit.SECONDS))
          .startsWith("$argon2id$");
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }
}
