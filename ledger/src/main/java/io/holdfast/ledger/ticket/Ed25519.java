package io.holdfast.ledger.ticket;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;

/**
 * The JDK's Ed25519, with public keys as the raw 32 bytes a JWKS publishes. An X.509 Ed25519
 * key is a fixed 12-byte header (RFC 8410) followed by those bytes.
 */
final class Ed25519 {
  private static final byte[] X509_HEADER = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65,
      0x70, 0x03, 0x21, 0x00};
  static final int RAW_KEY_BYTES = 32;
  static final int SIGNATURE_BYTES = 64;

  private Ed25519() {}

  static KeyPair generate() {
    try {
      return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 is part of every JDK 17", e);
    }
  }

  static byte[] raw(PublicKey key) {
    byte[] encoded = key.getEncoded();
    return Arrays.copyOfRange(encoded, encoded.length - RAW_KEY_BYTES, encoded.length);
  }

  static PublicKey publicKey(byte[] raw) throws GeneralSecurityException {
    if (raw.length != RAW_KEY_BYTES) {
      throw new GeneralSecurityException("an Ed25519 public key is 32 bytes");
    }
    byte[] encoded = Arrays.copyOf(X509_HEADER, X509_HEADER.length + RAW_KEY_BYTES);
    System.arraycopy(raw, 0, encoded, X509_HEADER.length, RAW_KEY_BYTES);
    return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(encoded));
  }

  static PrivateKey privateKey(byte[] pkcs8) throws GeneralSecurityException {
    return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
  }

  static byte[] sign(PrivateKey key, byte[] data) {
    try {
      Signature signature = Signature.getInstance("Ed25519");
      signature.initSign(key);
      signature.update(data);
      return signature.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 signing failed", e);
    }
  }

  static boolean verify(PublicKey key, byte[] data, byte[] signed) {
    if (signed.length != SIGNATURE_BYTES) {
      return false;
    }
    try {
      Signature signature = Signature.getInstance("Ed25519");
      signature.initVerify(key);
      signature.update(data);
      return signature.verify(signed);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }
}
