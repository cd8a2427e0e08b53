package io.holdfast.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;

/**
 * What the tests of signed codes, transfers and revocations share: the published keys, read
 * and checked with the JDK alone, as a scanner would.
 */
abstract class TicketTestBase extends DoorTestBase {
  /** RFC 8410: an Ed25519 public key in X.509 is this header followed by its 32 raw bytes. */
  private static final byte[] X509_HEADER = HexFormat.of().parseHex("302a300506032b6570032100");

  /** {@code GET /v1/events/{id}/ticket-keys}, without a login. */
  JsonObject ticketKeys(String eventId) {
    HttpResponse<Buffer> r = api.call(HttpMethod.GET, "/v1/events/" + eventId + "/ticket-keys",
        null, null);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    return r.bodyAsJsonObject();
  }

  /** The event's one published key, checked to be an Ed25519 JWK. */
  PublicKey publishedKey(String eventId) throws Exception {
    JsonObject jwks = ticketKeys(eventId);
    assertThat(jwks.getJsonArray("keys")).hasSize(1);
    JsonObject jwk = jwks.getJsonArray("keys").getJsonObject(0);
    assertThat(jwk.getString("kty")).isEqualTo("OKP");
    assertThat(jwk.getString("crv")).isEqualTo("Ed25519");
    assertThat(jwk.getString("alg")).isEqualTo("EdDSA");
    assertThat(jwk.getString("use")).isEqualTo("sig");
    assertThat(jwk.getString("kid")).isNotBlank();
    byte[] raw = Base64.getUrlDecoder().decode(jwk.getString("x"));
    assertThat(raw).hasSize(32);
    byte[] encoded = new byte[X509_HEADER.length + raw.length];
    System.arraycopy(X509_HEADER, 0, encoded, 0, X509_HEADER.length);
    System.arraycopy(raw, 0, encoded, X509_HEADER.length, raw.length);
    return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(encoded));
  }

  /** Whether {@code code} ({@code payload.signature}, base64url) verifies with {@code key}. */
  static boolean verifies(PublicKey key, String code) {
    String[] parts = code.split("\\.", -1);
    if (parts.length != 2) {
      return false;
    }
    try {
      return verifies(key, Base64.getUrlDecoder().decode(parts[0]),
          Base64.getUrlDecoder().decode(parts[1]));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  static boolean verifies(PublicKey key, byte[] payload, byte[] signature) {
    try {
      Signature verifier = Signature.getInstance("Ed25519");
      verifier.initVerify(key);
      verifier.update(payload);
      return verifier.verify(signature);
    } catch (Exception e) {
      return false;
    }
  }

  /** The buyer's ticket as {@code GET /v1/tickets/{id}} answers it. */
  JsonObject ticket(String token, String ticketId) {
    HttpResponse<Buffer> r = api.call(HttpMethod.GET, "/v1/tickets/" + ticketId, token, null);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    return r.bodyAsJsonObject();
  }

  HttpResponse<Buffer> transfer(String token, String ticketId, String email) {
    return api.call(HttpMethod.POST, "/v1/tickets/" + ticketId + "/transfer", token,
        new JsonObject().put("email", email));
  }

  HttpResponse<Buffer> revocations(String eventId, String query) {
    return api.call(HttpMethod.GET, "/v1/events/" + eventId + "/revocations" + query, null,
        null);
  }

  long revoked(String ticketId, int version, String reason) {
    return api.count("select count(*) from ticket_revocations where ticket_id = $1::uuid "
        + "and version = $2 and reason = $3", ticketId, version, reason);
  }
}
