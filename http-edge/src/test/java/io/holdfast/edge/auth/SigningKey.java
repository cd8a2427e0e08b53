package io.holdfast.edge.auth;

import io.vertx.core.Vertx;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What the token tests sign with: one RSA key under kid {@code k1}, an issuer of tokens for
 * issuer {@code holdfast} and audience {@code api}, and the Vert.x it needs. A test class holds
 * one in a static {@code @RegisterExtension} field; it is closed after the class.
 */
final class SigningKey implements AfterAllCallback {
  final Vertx vertx = Vertx.vertx();
  final KeyPair keys = RsaKeys.generate();
  final TokenIssuer issuer = new TokenIssuer(vertx, RsaKeys.privatePem(keys), "k1", "holdfast",
      "api", 600);

  /** The public key, as the edge reads it from its configuration. */
  RSAPublicKey publicKey() {
    return RsaKeys.publicKey(RsaKeys.publicPem(keys));
  }

  /** The verifier's clock: seconds since the epoch. */
  static long now() {
    return System.currentTimeMillis() / 1000;
  }

  @Override
  public void afterAll(ExtensionContext context) {
    vertx.close();
  }
}
