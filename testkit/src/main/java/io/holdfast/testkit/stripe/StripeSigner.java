package io.holdfast.testkit.stripe;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Signs webhook bodies as Stripe does: {@code t=<unix>,v1=<hex HMAC-SHA256 of "t.body">}. */
public final class StripeSigner {
  private final String secret;

  public StripeSigner(String secret) {
    this.secret = secret;
  }

  public String header(String body, long unixSeconds) {
    return "t=" + unixSeconds + ",v1=" + hmac(unixSeconds + "." + body);
  }

  public String header(String body) {
    return header(body, System.currentTimeMillis() / 1000);
  }

  private String hmac(String signed) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
