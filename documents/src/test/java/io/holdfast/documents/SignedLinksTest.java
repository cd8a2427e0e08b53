package io.holdfast.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.holdfast.documents.SignedLinks.Verdict;
import io.holdfast.support.config.Settings;
import io.holdfast.support.crypto.PlatformKey;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Signed links")
class SignedLinksTest {
  private static final String PATH = "/v1/tickets/0b6f2a3e-9c1d-4f5e-8a7b-6c5d4e3f2a1b/pdf";
  private static final Instant NOW = Instant.parse("2026-12-04T00:00:00Z");

  private static SignedLinks links(String key, Instant now) {
    JsonObject config = new JsonObject();
    if (key != null) {
      config.put(PlatformKey.KEY.key(), key);
    }
    return new SignedLinks(PlatformKey.of(config), "https://tickets.example.org/", 3600,
        Clock.fixed(now, ZoneOffset.UTC));
  }

  private static Map<String, String> query(String url) {
    Map<String, String> query = new HashMap<>();
    for (String pair : URI.create(url).getRawQuery().split("&")) {
      int eq = pair.indexOf('=');
      query.put(pair.substring(0, eq), pair.substring(eq + 1));
    }
    return query;
  }

  @Test
  @DisplayName("a link is the public URL of the path with its expiry and signature, and checks as valid until it expires")
  void validUntilItExpires() {
    SignedLinks.Link link = links(null, NOW).link(PATH);
    assertThat(link.url()).startsWith("https://tickets.example.org" + PATH + "?expires=");
    assertThat(link.expiresAt()).isEqualTo(NOW.plusSeconds(3600));
    Map<String, String> q = query(link.url());
    assertThat(q.get("expires")).isEqualTo(String.valueOf(NOW.getEpochSecond() + 3600));
    assertThat(Base64.getUrlDecoder().decode(q.get("sig"))).hasSize(32);

    assertThat(links(null, NOW.plusSeconds(3599)).check(PATH, q.get("expires"), q.get("sig")))
        .isEqualTo(Verdict.VALID);
    assertThat(links(null, NOW.plusSeconds(3600)).check(PATH, q.get("expires"), q.get("sig")))
        .isEqualTo(Verdict.EXPIRED);
  }

  @Test
  @DisplayName("a changed character of the signature, the expiry or the path, a missing part, or another platform key make it invalid")
  void tamperedIsInvalid() {
    SignedLinks links = links(null, NOW);
    Map<String, String> q = query(links.link(PATH).url());
    String sig = q.get("sig");
    String expires = q.get("expires");
    for (int i = 0; i < sig.length(); i++) {
      char c = sig.charAt(i);
      String changed = sig.substring(0, i) + (c == 'A' ? 'B' : 'A') + sig.substring(i + 1);
      assertThat(links.check(PATH, expires, changed)).as("character %d changed", i)
          .isEqualTo(Verdict.INVALID);
    }
    assertThat(links.check(PATH, expires, sig + "=")).isEqualTo(Verdict.INVALID);
    assertThat(links.check(PATH, String.valueOf(Long.parseLong(expires) + 86_400), sig))
        .isEqualTo(Verdict.INVALID);
    // An expiry pushed into the past is invalid too, not expired: only the signer says when.
    assertThat(links.check(PATH, String.valueOf(Long.parseLong(expires) - 86_400), sig))
        .isEqualTo(Verdict.INVALID);
    assertThat(links.check(PATH.replace("/pdf", "/qr.png"), expires, sig))
        .isEqualTo(Verdict.INVALID);
    assertThat(links.check(PATH, null, sig)).isEqualTo(Verdict.INVALID);
    assertThat(links.check(PATH, expires, null)).isEqualTo(Verdict.INVALID);
    assertThat(links.check(PATH, "-1", sig)).isEqualTo(Verdict.INVALID);
    assertThat(links.check(PATH, "12a", sig)).isEqualTo(Verdict.INVALID);
    assertThat(links.check(PATH, expires, "not base64!")).isEqualTo(Verdict.INVALID);
    String other = Base64.getEncoder().encodeToString(new byte[32]);
    assertThat(links(other, NOW).check(PATH, expires, sig)).isEqualTo(Verdict.INVALID);
  }

  @Test
  @DisplayName("the configured public URL and lifetime are used, and a path with a query or a lifetime below a second is refused")
  void configured() {
    SignedLinks links = SignedLinks.of(new JsonObject()
        .put(Settings.PUBLIC_URL.key(), "http://127.0.0.1:9999")
        .put(SignedLinks.TTL_SECONDS.key(), 60));
    assertThat(links.ttlSeconds()).isEqualTo(60);
    assertThat(links.link(PATH).url()).startsWith("http://127.0.0.1:9999" + PATH + "?");
    assertThat(SignedLinks.of(new JsonObject()).ttlSeconds()).isEqualTo(7 * 24 * 3600);
    assertThatThrownBy(() -> links.link(PATH + "?x=1")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> links.link("v1/x")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SignedLinks.of(new JsonObject()
        .put(SignedLinks.TTL_SECONDS.key(), 0))).isInstanceOf(IllegalArgumentException.class);
  }
}
