package io.holdfast.ledger.ticket;

import io.holdfast.support.crypto.PlatformKey;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The per-event Ed25519 keys in {@code ticket_keys}: the private key PKCS#8, sealed with the
 * platform key; the public key raw, published as a JWKS. An event's key is made on first use;
 * two signers making it at once both read the one that was inserted first. Opened private keys
 * and published public keys are cached in memory, a bounded number of events each.
 */
public final class TicketKeys {
  /** The platform key's purpose that seals the private keys. */
  static final String PURPOSE = "ticket-keys";
  private static final int SIGNING_CACHED = 1_000;
  private static final int PUBLISHED_CACHED = 10_000;
  /** An event without keys is asked again after this: its first sale may have made one. */
  private static final long NO_KEYS_MILLIS = 5_000;
  /** Keys rarely change (a retirement); a cached list is read again after this. */
  private static final long KEYS_MILLIS = 600_000;

  private static final String CURRENT = "select kid, private_key from ticket_keys "
      + "where event_id = $1 and retired_at is null";
  private static final String INSERT = "insert into ticket_keys (kid, event_id, public_key, "
      + "private_key) values ($1, $2, $3, $4) on conflict do nothing";
  private static final String ALL = "select kid, public_key, retired_at from ticket_keys "
      + "where event_id = $1 order by created_at, kid";

  /** The key that signs an event's codes now. */
  record SigningKey(String kid, PrivateKey key) {}

  /** A key that verifies an event's codes. */
  record PublicEntry(String kid, byte[] raw, PublicKey key) {}

  private record Published(long readAt, List<PublicEntry> keys) {}

  private final Pool pool;
  private final PlatformKey platformKey;
  private final WorkerExecutor workers;
  private final Map<UUID, SigningKey> signing = lru(SIGNING_CACHED);
  private final Map<UUID, Published> published = lru(PUBLISHED_CACHED);

  TicketKeys(Pool pool, PlatformKey platformKey, WorkerExecutor workers) {
    this.pool = pool;
    this.platformKey = platformKey;
    this.workers = workers;
  }

  /** The event's current signing key, made now when it has none. */
  Future<SigningKey> signing(UUID eventId) {
    SigningKey cached = signing.get(eventId);
    if (cached != null) {
      return Future.succeededFuture(cached);
    }
    return current(eventId)
        .compose(found -> found != null ? Future.succeededFuture(found)
            : workers.executeBlocking(() -> newKey(eventId), false)
                .compose(row -> pool.preparedQuery(INSERT).execute(row))
                .compose(inserted -> current(eventId)))
        .map(key -> {
          signing.put(eventId, key);
          return key;
        });
  }

  /** The event's keys (none when it never had a ticket signed), cached. */
  Future<List<PublicEntry>> verifying(UUID eventId) {
    Published cached = published.get(eventId);
    long now = System.currentTimeMillis();
    if (cached != null && now - cached.readAt() < (cached.keys().isEmpty() ? NO_KEYS_MILLIS
        : KEYS_MILLIS)) {
      return Future.succeededFuture(cached.keys());
    }
    return pool.preparedQuery(ALL).execute(Tuple.of(eventId)).map(rows -> {
      List<PublicEntry> keys = new ArrayList<>(rows.size());
      for (Row r : rows) {
        byte[] raw = r.getBuffer("public_key").getBytes();
        try {
          keys.add(new PublicEntry(r.getString("kid"), raw, Ed25519.publicKey(raw)));
        } catch (GeneralSecurityException e) {
          throw new IllegalStateException("ticket key " + r.getString("kid") + " is unreadable", e);
        }
      }
      published.put(eventId, new Published(now, List.copyOf(keys)));
      return keys;
    });
  }

  /** The event's public keys as a JWKS (RFC 8037: OKP, Ed25519, x the raw key). */
  public Future<JsonObject> jwks(UUID eventId) {
    return verifying(eventId).map(keys -> {
      JsonArray list = new JsonArray();
      keys.forEach(k -> list.add(new JsonObject().put("kty", "OKP").put("crv", "Ed25519")
          .put("x", TicketCodes.b64(k.raw())).put("kid", k.kid()).put("use", "sig")
          .put("alg", "EdDSA")));
      return new JsonObject().put("keys", list);
    });
  }

  private Future<SigningKey> current(UUID eventId) {
    return pool.preparedQuery(CURRENT).execute(Tuple.of(eventId)).compose(rows -> {
      if (rows.size() == 0) {
        return Future.succeededFuture(null);
      }
      Row r = rows.iterator().next();
      String kid = r.getString("kid");
      byte[] sealed = r.getBuffer("private_key").getBytes();
      return workers.executeBlocking(() -> new SigningKey(kid,
          Ed25519.privateKey(platformKey.open(PURPOSE, sealed))), false);
    });
  }

  /** A new key pair's row; its kid is the start of the public key's SHA-256, base64url. */
  private Tuple newKey(UUID eventId) throws GeneralSecurityException {
    KeyPair pair = Ed25519.generate();
    byte[] raw = Ed25519.raw(pair.getPublic());
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(raw);
    String kid = TicketCodes.b64(Arrays.copyOf(digest, 12));
    byte[] sealed = platformKey.seal(PURPOSE, pair.getPrivate().getEncoded());
    return Tuple.of(kid, eventId, Buffer.buffer(raw), Buffer.buffer(sealed));
  }

  /** A map that forgets its least recently used entry past {@code max}; safe across threads. */
  private static <K, V> Map<K, V> lru(int max) {
    return Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > max;
      }
    });
  }
}
