package io.holdfast.edge.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.holdfast.contracts.problem.ProblemException;
import io.holdfast.testkit.auth.Jwts;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("Access token verification")
class TokenVerifierTest {
  @RegisterExtension
  static final SigningKey key = new SigningKey();

  private static TokenVerifier verifier() {
    return new TokenVerifier(key.publicKey(), "k1", "holdfast", "api");
  }

  private static String rs256(JsonObject header, JsonObject claims) {
    return Jwts.rs256(key.keys.getPrivate(), header, claims);
  }

  private static JsonObject claims() {
    return new JsonObject().put("sub", "u1").put("iss", "holdfast").put("aud", "api")
        .put("exp", SigningKey.now() + 60).put("roles", new JsonArray().add("buyer"));
  }

  private static void refused(String token, String why) {
    assertThatThrownBy(() -> verifier().verify(token, SigningKey.now()))
        .isInstanceOf(ProblemException.class)
        .satisfies(e -> {
          assertThat(((ProblemException) e).problem().status()).isEqualTo(401);
          assertThat(((ProblemException) e).problem().detail()).contains(why);
        });
  }

  @Test
  @DisplayName("accepts a token we issued, with its subject and roles, and caches it")
  void accepts() {
    TokenVerifier verifier = verifier();
    String token = key.issuer.issue("user-7", List.of("buyer", "organizer"));
    Caller caller = verifier.verify(token, SigningKey.now());
    assertThat(caller.id()).isEqualTo("user-7");
    assertThat(caller.roles()).containsExactlyInAnyOrder("buyer", "organizer");
    assertThat(verifier.verify(token, SigningKey.now())).isSameAs(caller);
  }

  @Test
  @DisplayName("refuses alg none, HS256 keyed with the public key, and an unknown kid")
  void pinsTheAlgorithm() throws Exception {
    JsonObject none = new JsonObject().put("alg", "none").put("kid", "k1");
    String unsigned = Jwts.part(none) + "." + Jwts.part(claims());
    refused(unsigned + ".", "signed JWT");
    refused(unsigned + ".c2ln", "RS256");
    refused(Jwts.hs256(RsaKeys.publicPem(key.keys).getBytes(),
        new JsonObject().put("alg", "HS256").put("kid", "k1"), claims()), "RS256");
    refused(rs256(new JsonObject().put("alg", "RS256").put("kid", "other"), claims()),
        "unknown key");
  }

  @Test
  @DisplayName("refuses an expired token, a wrong issuer or audience, and a tampered payload")
  void checksClaims() throws Exception {
    JsonObject header = new JsonObject().put("alg", "RS256").put("kid", "k1");
    refused(rs256(header, claims().put("exp", SigningKey.now() - 1)), "expired");
    refused(rs256(header, claims().put("iss", "evil")), "issuer");
    refused(rs256(header, claims().put("aud", "other")), "audience");
    String good = rs256(header, claims());
    String[] parts = good.split("\\.");
    String forged = Jwts.part(claims().put("roles", new JsonArray().add("admin")));
    refused(parts[0] + "." + forged + "." + parts[2], "signature");
    refused("a.b", "not a signed JWT");
  }

  @Test
  @DisplayName("stops accepting a cached token once it expires")
  void cacheHonoursExpiry() throws Exception {
    TokenVerifier verifier = verifier();
    String token = rs256(new JsonObject().put("alg", "RS256").put("kid", "k1"),
        claims().put("exp", SigningKey.now() + 5));
    verifier.verify(token, SigningKey.now());
    assertThatThrownBy(() -> verifier.verify(token, SigningKey.now() + 10))
        .isInstanceOf(ProblemException.class);
  }

  @Test
  @DisplayName("after a key rotation accepts tokens of the current and the previous key, and no other")
  void acceptsPreviousKeys() {
    KeyPair next = RsaKeys.generate();
    TokenIssuer nextIssuer = new TokenIssuer(key.vertx, RsaKeys.privatePem(next), "k2", "holdfast",
        "api", 600);
    // The previous key travels as the JWKS the old deployment published.
    String previousJwks = RsaKeys.jwks(Map.of("k1", key.publicKey()))
        .encode();
    Map<String, RSAPublicKey> ring = new LinkedHashMap<>();
    ring.put("k2", RsaKeys.publicKey(RsaKeys.publicPem(next)));
    ring.putAll(RsaKeys.fromJwks(previousJwks));
    TokenVerifier verifier = new TokenVerifier(ring, "holdfast", "api", new JsonObject());

    assertThat(verifier.verify(key.issuer.issue("old-user", List.of("buyer")), SigningKey.now()).id())
        .isEqualTo("old-user");
    assertThat(verifier.verify(nextIssuer.issue("new-user", List.of("buyer")), SigningKey.now()).id())
        .isEqualTo("new-user");
    KeyPair stranger = RsaKeys.generate();
    String unknown = new TokenIssuer(key.vertx, RsaKeys.privatePem(stranger), "k3", "holdfast", "api",
        600).issue("u", List.of("admin"));
    assertThatThrownBy(() -> verifier.verify(unknown, SigningKey.now()))
        .isInstanceOf(ProblemException.class).hasMessageContaining("unknown key");
    // A token signed by another key under a known kid fails on its signature.
    String impostor = new TokenIssuer(key.vertx, RsaKeys.privatePem(stranger), "k1", "holdfast", "api",
        600).issue("u", List.of("admin"));
    assertThatThrownBy(() -> verifier.verify(impostor, SigningKey.now()))
        .isInstanceOf(ProblemException.class).hasMessageContaining("signature");
    assertThat(RsaKeys.jwks(ring).getJsonArray("keys").stream()
        .map(k -> ((JsonObject) k).getString("kid"))).containsExactly("k2", "k1");
  }

  @Test
  @DisplayName("reads a partner's requests per minute from the rpm claim, 0 without one")
  void requestsPerMinute() {
    TokenVerifier verifier = verifier();
    Caller partner = verifier.verify(key.issuer.issuePartner("p1", 1200), SigningKey.now());
    assertThat(partner.roles()).containsExactly("partner");
    assertThat(partner.requestsPerMinute()).isEqualTo(1200);
    assertThat(verifier.verify(key.issuer.issue("u1", List.of("buyer")), SigningKey.now()).requestsPerMinute())
        .isZero();
  }

  @Test
  @DisplayName("refuses a previous-keys document that is not a set of RSA keys with kids")
  void badPreviousKeys() {
    assertThatThrownBy(() -> RsaKeys.fromJwks("{\"keys\": [{\"kty\": \"RSA\", \"n\": \"AQAB\"}]}"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RsaKeys.fromJwks("not json"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
