package io.holdfast.edge.http;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Every request's ID, answered in its {@code X-Request-Id} header: the caller's own when it is
 * well-formed (a proxy's or a partner's, so both sides log the same ID), otherwise one made
 * here. The lines the edge writes about the request carry it, and so do the hold it asks for
 * and the Kafka records it causes, so one ID finds a request's lines in every process.
 *
 * <p>The ID lives in the response's headers, where the answer needs it anyway: reading it back
 * costs a lookup, and a request pays nothing else for it (no context map, no thread-local
 * state, and no random number when the caller sent an ID).
 */
public final class RequestIds {
  public static final String HEADER = "X-Request-Id";
  /** The longest ID taken from a caller; a longer one is replaced. */
  public static final int MAX_LENGTH = 64;
  private static final CharSequence NAME = HttpHeaders.createOptimized(HEADER);
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private RequestIds() {}

  /**
   * Gives the request its ID, once: the first call decides (the web app's front and the router
   * both call it; whichever sees the request first).
   */
  public static void answer(HttpServerRequest request) {
    MultiMap headers = request.response().headers();
    if (headers.contains(NAME)) {
      return;
    }
    String given = request.getHeader(NAME);
    headers.set(NAME, wellFormed(given) ? given : fresh());
  }

  /** The ID {@link #answer} gave the request (null only for a request that never passed it). */
  public static String of(RoutingContext ctx) {
    return ctx.response().headers().get(NAME);
  }

  /**
   * Whether a caller's ID may be kept: 1 to {@link #MAX_LENGTH} characters, letters, digits and
   * {@code - _ . : + / =} (what UUIDs, trace IDs and base64 IDs use). Nothing that could break a
   * log line or a header, and never a space: a Kafka header lists the IDs of many holds
   * separated by spaces.
   */
  static boolean wellFormed(String id) {
    if (id == null || id.isEmpty() || id.length() > MAX_LENGTH) {
      return false;
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '-' || c == '_' || c == '.' || c == ':' || c == '+' || c == '/' || c == '=';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /**
   * A new ID: 128 random bits as 32 hex digits. It names a request in logs and guards nothing,
   * so the thread's fast generator makes it (a UUID's secure one costs more).
   */
  static String fresh() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    char[] id = new char[32];
    hex(random.nextLong(), id, 0);
    hex(random.nextLong(), id, 16);
    return new String(id);
  }

  private static void hex(long bits, char[] into, int at) {
    for (int i = 15; i >= 0; i--) {
      into[at + i] = HEX[(int) bits & 15];
      bits >>>= 4;
    }
  }
}
