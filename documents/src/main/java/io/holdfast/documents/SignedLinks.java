package io.holdfast.documents;

import io.holdfast.support.config.Setting;
import io.holdfast.support.config.Settings;
import io.holdfast.support.crypto.PlatformKey;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;

/**
 * Links that open one document (a ticket's PDF or QR code, an order's PDF) without a login,
 * until they expire: for emails, and for a phone that is not signed in. A link is the public
 * URL of the path with {@code ?expires=<unix seconds>&sig=<base64url HMAC-SHA256>}, the MAC taken
 * under the platform key's {@value #PURPOSE} key over the path and the expiry, so neither can be
 * changed. Made and checked here only: the edge checks them, the mail worker makes them.
 */
public final class SignedLinks {
  public static final Setting TTL_SECONDS = Setting.number("HOLDFAST_LINK_TTL_SECONDS",
      "links.ttlSeconds", 7 * 24 * 3600, "how long a signed link to a ticket's PDF or QR code "
      + "works without a login, seconds (the default is 7 days)");
  /** The platform key's purpose these links are signed under. */
  public static final String PURPOSE = "links";
  /** The query parameters of a link. */
  public static final String EXPIRES = "expires";
  public static final String SIG = "sig";

  /** What a link's check found: a good link, a good one too late, or not one of ours. */
  public enum Verdict { VALID, EXPIRED, INVALID }

  /** A link to give out, and when it stops working. */
  public record Link(String url, Instant expiresAt) {}

  /** The path of a ticket's PDF, which a link may open (the edge serves it). */
  public static String ticketPdf(Object ticketId) {
    return "/v1/tickets/" + ticketId + "/pdf";
  }

  /** The path of a ticket's QR code as a PNG. */
  public static String ticketQr(Object ticketId) {
    return "/v1/tickets/" + ticketId + "/qr.png";
  }

  /** The path of an order's PDF, a page per ticket. */
  public static String orderPdf(Object orderId) {
    return "/v1/orders/" + orderId + "/pdf";
  }

  private final PlatformKey key;
  private final String publicUrl;
  private final long ttlSeconds;
  private final Clock clock;

  public SignedLinks(PlatformKey key, String publicUrl, long ttlSeconds, Clock clock) {
    if (ttlSeconds < 1) {
      throw new IllegalArgumentException("configuration " + TTL_SECONDS.key()
          + " must be at least 1: " + ttlSeconds);
    }
    this.key = key;
    this.publicUrl = publicUrl.endsWith("/")
        ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    this.ttlSeconds = ttlSeconds;
    this.clock = clock;
  }

  /** Links of the configured platform key, public URL and lifetime. */
  public static SignedLinks of(JsonObject config) {
    return new SignedLinks(PlatformKey.of(config), Settings.PUBLIC_URL.string(config),
        TTL_SECONDS.longValue(config), Clock.systemUTC());
  }

  /**
   * A link to {@code path} ({@link #ticketPdf}, {@link #ticketQr}, {@link #orderPdf}) for the
   * configured lifetime.
   */
  public Link link(String path) {
    return link(path, clock.instant().plusSeconds(ttlSeconds));
  }

  /** A link to {@code path} that works until {@code expiresAt} (to the second). */
  public Link link(String path, Instant expiresAt) {
    if (!path.startsWith("/") || path.indexOf('?') >= 0 || path.indexOf('#') >= 0) {
      throw new IllegalArgumentException("a link's path starts with / and has no query: " + path);
    }
    long expires = expiresAt.getEpochSecond();
    String sig = encode(mac(path, expires));
    return new Link(publicUrl + path + "?" + EXPIRES + "=" + expires + "&" + SIG + "=" + sig,
        Instant.ofEpochSecond(expires));
  }

  /**
   * Whether {@code expires} and {@code sig} (the query parameters as received, either may be
   * null) sign {@code path}. The signature is checked first, in constant time, so a changed
   * expiry is {@link Verdict#INVALID}, never {@link Verdict#EXPIRED}.
   */
  public Verdict check(String path, String expires, String sig) {
    if (path == null || expires == null || sig == null || expires.isEmpty()
        || expires.length() > 12 || sig.length() > 64) {
      return Verdict.INVALID;
    }
    long seconds = 0;
    for (int i = 0; i < expires.length(); i++) {
      char c = expires.charAt(i);
      if (c < '0' || c > '9') {
        return Verdict.INVALID;
      }
      seconds = seconds * 10 + (c - '0');
    }
    // The text is compared, not the decoded bytes: base64 has several spellings of one value
    // (padding, a last character's unused bits), and a link has exactly one.
    if (!PlatformKey.same(sig.getBytes(StandardCharsets.US_ASCII),
        encode(mac(path, seconds)).getBytes(StandardCharsets.US_ASCII))) {
      return Verdict.INVALID;
    }
    return clock.instant().getEpochSecond() < seconds ? Verdict.VALID : Verdict.EXPIRED;
  }

  /** The lifetime of a new link, seconds. */
  public long ttlSeconds() {
    return ttlSeconds;
  }

  private static String encode(byte[] mac) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(mac);
  }

  private byte[] mac(String path, long expires) {
    return key.mac(PURPOSE, ("v1\n" + path + "\n" + expires).getBytes(StandardCharsets.UTF_8));
  }
}
