package io.holdfast.edge.auth;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The tokens one {@link TokenVerifier} has verified, by digest, least recently used first. It
 * belongs to one event loop, so nothing here is synchronized and nothing waits.
 *
 * <p>A token is ~600 characters; its key here is the first 128 bits of its SHA-256 (two longs,
 * about a fifth of the memory of the string it replaces, and a forged token cannot be made to
 * collide with one in the cache). When the cache is full it forgets the least recently used
 * token, one at a time, so a drop's busy buyers stay cached while idle ones make room; tokens
 * that expired are dropped when read, and from the cold end whenever a token is added.
 */
final class VerifiedTokens {
  /** Expired tokens dropped from the cold end per insertion, at most: bounded work per call. */
  private static final int SWEEP = 2;

  private final int capacity;
  private final LinkedHashMap<Digest, Caller> callers;
  private final MessageDigest sha256;
  private final byte[] digest = new byte[32];
  private byte[] ascii = new byte[1024];

  /** A token's key: the first 128 bits of its SHA-256. */
  record Digest(long high, long low) {}

  VerifiedTokens(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("the token cache needs room for at least one token");
    }
    this.capacity = capacity;
    // Access order: every hit moves its token to the warm end, so eviction is LRU.
    this.callers = new LinkedHashMap<>(16, 0.75f, true);
    try {
      this.sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  /**
   * The token's key; reuses this cache's buffers, so a lookup allocates only the key. Costs a
   * SHA-256 of ~600 bytes (about half a microsecond with the CPU's SHA instructions), the price
   * of not keeping the token to compare.
   */
  // getBytes(int, int, byte[], int) keeps each char's low byte: exact for header values, which
  // HTTP delivers as Latin-1 (a char above 0xFF would be folded, and no such token verifies).
  @SuppressWarnings("deprecation")
  Digest digest(String token) {
    int length = token.length();
    if (ascii.length < length) {
      ascii = new byte[Math.max(length, ascii.length * 2)];
    }
    token.getBytes(0, length, ascii, 0);
    sha256.update(ascii, 0, length);
    try {
      sha256.digest(digest, 0, digest.length);
    } catch (java.security.DigestException e) {
      throw new IllegalStateException("SHA-256 digest did not fit", e);
    }
    return new Digest(longAt(0), longAt(8));
  }

  /** The cached caller of a token still valid at {@code nowSeconds}, or null (and forgotten). */
  Caller get(Digest key, long nowSeconds) {
    Caller caller = callers.get(key);
    if (caller != null && caller.expiresAt() <= nowSeconds) {
      callers.remove(key);
      return null;
    }
    return caller;
  }

  void put(Digest key, Caller caller, long nowSeconds) {
    callers.put(key, caller);
    Iterator<Map.Entry<Digest, Caller>> coldest = callers.entrySet().iterator();
    for (int i = 0; i < SWEEP && coldest.hasNext(); i++) {
      if (coldest.next().getValue().expiresAt() > nowSeconds) {
        break;
      }
      coldest.remove();
    }
    coldest = callers.entrySet().iterator();
    while (callers.size() > capacity) {
      coldest.next();
      coldest.remove();
    }
  }

  int size() {
    return callers.size();
  }

  private long longAt(int offset) {
    long value = 0;
    for (int i = offset; i < offset + 8; i++) {
      value = value << 8 | (digest[i] & 0xff);
    }
    return value;
  }
}
