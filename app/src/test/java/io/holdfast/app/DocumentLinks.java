package io.holdfast.app;

import io.holdfast.documents.SignedLinks;
import io.holdfast.support.config.Settings;
import java.net.URI;
import java.time.Instant;

/** Signed links as the test platform makes them, for tests that need one it would not give. */
final class DocumentLinks {
  private DocumentLinks() {}

  private static SignedLinks links() {
    return SignedLinks.of(TestPlatform.get().config());
  }

  static String publicUrl() {
    return Settings.PUBLIC_URL.string(TestPlatform.get().config());
  }

  /** A genuine link to {@code path} that expired a minute ago. */
  static String expired(String path) {
    return links().link(path, Instant.now().minusSeconds(60)).url();
  }

  /** A genuine link to {@code path}, valid for the configured time. */
  static String valid(String path) {
    return links().link(path).url();
  }

  /** Seconds from now until {@code expiresAt} (RFC 3339). */
  static long expiresIn(String expiresAt) {
    return Instant.parse(expiresAt).getEpochSecond() - Instant.now().getEpochSecond();
  }

  /** A query parameter of a link. */
  static String param(String link, String name) {
    for (String pair : URI.create(link).getRawQuery().split("&")) {
      if (pair.startsWith(name + "=")) {
        return pair.substring(name.length() + 1);
      }
    }
    return null;
  }
}
