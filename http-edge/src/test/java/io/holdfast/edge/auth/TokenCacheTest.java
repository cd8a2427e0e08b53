package io.holdfast.edge.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.holdfast.contracts.problem.ProblemException;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("The cache of verified tokens")
class TokenCacheTest {
  @RegisterExtension
  static final SigningKey key = new SigningKey();

  private static TokenVerifier verifier(int cacheSize) {
    return new TokenVerifier(Map.of("k1", key.publicKey()),
        "holdfast", "api", cacheSize);
  }

  private static List<String> tokens(int count) {
    List<String> tokens = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      tokens.add(key.issuer.issue("user-" + i, List.of("buyer")));
    }
    return tokens;
  }

  @Test
  @DisplayName("never holds more verified tokens than its size")
  void bounded() {
    TokenVerifier verifier = verifier(8);
    for (String token : tokens(30)) {
      verifier.verify(token, SigningKey.now());
      assertThat(verifier.cached()).isLessThanOrEqualTo(8);
    }
    assertThat(verifier.cached()).isEqualTo(8);
  }

  @Test
  @DisplayName("when full, forgets the least recently used token and keeps serving the recent ones")
  void evictsGradually() {
    TokenVerifier verifier = verifier(8);
    List<String> tokens = tokens(12);
    String busy = tokens.get(0);
    Caller first = verifier.verify(busy, SigningKey.now());
    for (String token : tokens.subList(1, 8)) {
      verifier.verify(token, SigningKey.now());
    }
    // Full now; the busy buyer's token is used again, then newcomers arrive.
    assertThat(verifier.verify(busy, SigningKey.now())).isSameAs(first);
    for (String token : tokens.subList(8, 12)) {
      verifier.verify(token, SigningKey.now());
    }
    assertThat(verifier.verify(busy, SigningKey.now())).as("still cached, not verified again")
        .isSameAs(first);
    assertThat(verifier.cached()).isEqualTo(8);
  }

  @Test
  @DisplayName("never serves an expired token from the cache, and forgets it")
  void neverServesExpired() {
    TokenVerifier verifier = verifier(8);
    String token = tokens(1).get(0);
    Caller caller = verifier.verify(token, SigningKey.now());
    long later = caller.expiresAt() + 1;
    assertThatThrownBy(() -> verifier.verify(token, later))
        .isInstanceOf(ProblemException.class).hasMessageContaining("expired");
    assertThat(verifier.cached()).isZero();
  }

  @Test
  @DisplayName("keeps a digest of each token, not the token itself")
  void keepsNoToken() throws InterruptedException {
    TokenVerifier verifier = verifier(8);
    String token = tokens(1).get(0);
    WeakReference<String> kept = new WeakReference<>(new String(token));
    Caller caller = verifier.verify(kept.get(), SigningKey.now());
    for (int i = 0; i < 50 && kept.get() != null; i++) {
      System.gc();
      Thread.sleep(20);
    }
    assertThat(kept.get()).as("the token string is no longer referenced").isNull();
    assertThat(verifier.verify(token, SigningKey.now())).isSameAs(caller);
  }
}
