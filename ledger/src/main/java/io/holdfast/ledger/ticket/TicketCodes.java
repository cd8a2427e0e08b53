package io.holdfast.ledger.ticket;

import io.holdfast.support.crypto.PlatformKey;
import io.holdfast.support.jobs.HousekeepingVerticle.Chore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signs tickets' codes and checks them. A code is {@code <base64url payload>.<base64url
 * signature>} without padding: the Ed25519 signature, by the event's key ({@link TicketKeys}),
 * of the {@link CodePayload} bytes. Signing runs on a bounded worker pool after the order
 * commits; Ed25519 is deterministic, so signers racing for one ticket write the same code, and
 * each writes only where the code is still null and the version is the one it signed.
 */
public final class TicketCodes {
  private static final Logger LOG = LoggerFactory.getLogger(TicketCodes.class);
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
  /** The worker pool every TicketCodes of a process shares: signing and checking only. */
  private static final String WORKERS = "holdfast-ticket-codes";
  /** Codes checked valid lately: a second scan of one code skips the signature. */
  private static final int CHECKED_CACHED = 10_000;

  private static final String COLUMNS = "select id, event_id, version, section_id, slot, seat "
      + "from tickets where code is null and ";
  private static final String UNSIGNED_OF_ORDER = COLUMNS + "order_id = $1";
  private static final String UNSIGNED_OF_TICKETS = COLUMNS + "id = any($1)";
  /** Left behind by a crash: older than any signing just after a commit still under way. */
  private static final String UNSIGNED_LEFT = COLUMNS
      + "created_at < now() - interval '10 seconds' order by created_at limit $1";
  private static final String SECRET =
      "select rotating_secret from tickets where id = $1 and version = $2";
  private static final String SET_CODE = "update tickets set code = $2 "
      + "where id = $1 and version = $3 and code is null";

  /** What a check found. */
  public enum Result {
    /** Signed by a key of the event it names. */
    VALID,
    /** Not two (or, rotating, three) base64url parts, or a payload of no known format. */
    MALFORMED,
    /** Well formed, but no key of the event it names signed it. */
    INVALID_SIGNATURE
  }

  /**
   * A checked code: its payload when well formed, and the one-time password that followed it
   * when it was a rotating code ({@code <code>.<otp>}, see {@link RotatingCodes}), else null.
   */
  public record Check(Result result, CodePayload payload, String otp) {
    public boolean valid() {
      return result == Result.VALID;
    }

    /** The problem type a refused code is answered with ({@code malformed-code} is 400/422). */
    public String problemType() {
      return switch (result) {
        case VALID -> null;
        case MALFORMED -> "malformed-code";
        case INVALID_SIGNATURE -> "invalid-signature";
      };
    }
  }

  private static final Check MALFORMED = new Check(Result.MALFORMED, null, null);

  private final Pool pool;
  private final WorkerExecutor workers;
  private final TicketKeys keys;
  private final Map<String, CodePayload> checked = Collections.synchronizedMap(
      new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, CodePayload> eldest) {
          return size() > CHECKED_CACHED;
        }
      });

  public TicketCodes(Vertx vertx, Pool pool, PlatformKey platformKey) {
    this.pool = pool;
    this.workers = vertx.createSharedWorkerExecutor(WORKERS,
        Math.max(2, Runtime.getRuntime().availableProcessors()));
    this.keys = new TicketKeys(pool, platformKey, workers);
  }

  public TicketKeys keys() {
    return keys;
  }

  /** Signs every ticket of the order that has no code yet; harmless to call again. */
  public Future<Void> ensureSigned(UUID orderId) {
    return pool.preparedQuery(UNSIGNED_OF_ORDER).execute(Tuple.of(orderId))
        .compose(this::sign).mapEmpty();
  }

  /** Signs those of these tickets that have no code yet; harmless to call again. */
  public Future<Void> ensureSigned(List<UUID> ticketIds) {
    if (ticketIds.isEmpty()) {
      return Future.succeededFuture();
    }
    return pool.preparedQuery(UNSIGNED_OF_TICKETS)
        .execute(Tuple.of(ticketIds.toArray(new UUID[0])))
        .compose(this::sign).mapEmpty();
  }

  /**
   * Housekeeping's catch-up: signs tickets that a crash between a commit and its signing left
   * without a code, a batch a run.
   */
  public static Chore chore(Vertx vertx, PlatformKey platformKey) {
    // Made on the first run, with housekeeping's pool and on its context (whose undeployment
    // releases the worker pool).
    AtomicReference<TicketCodes> codes = new AtomicReference<>();
    return Chore.of("tickets signed late", (pool, batch) -> {
      TicketCodes signer = codes.updateAndGet(c -> c != null ? c
          : new TicketCodes(vertx, pool, platformKey));
      return pool.preparedQuery(UNSIGNED_LEFT).execute(Tuple.of(batch)).compose(signer::sign);
    });
  }

  /** Signs the rows (tickets without a code) and stores the codes; answers how many it stored. */
  private Future<Integer> sign(RowSet<Row> rows) {
    if (rows.size() == 0) {
      return Future.succeededFuture(0);
    }
    Map<UUID, List<CodePayload>> byEvent = new LinkedHashMap<>();
    for (Row r : rows) {
      CodePayload p = new CodePayload(r.getUUID("id"), r.getUUID("event_id"),
          r.getInteger("version"), r.getString("section_id"), r.getInteger("slot"),
          r.getString("seat"));
      byEvent.computeIfAbsent(p.eventId(), e -> new ArrayList<>()).add(p);
    }
    List<Future<List<Tuple>>> signed = new ArrayList<>(byEvent.size());
    byEvent.forEach((eventId, payloads) -> signed.add(keys.signing(eventId)
        .compose(key -> workers.executeBlocking(() -> {
          List<Tuple> updates = new ArrayList<>(payloads.size());
          for (CodePayload p : payloads) {
            byte[] bytes = p.encode();
            String code = b64(bytes) + "." + b64(Ed25519.sign(key.key(), bytes));
            updates.add(Tuple.of(p.ticketId(), code, p.version()));
          }
          return updates;
        }, false))));
    return Future.all(signed).compose(all -> {
      List<Tuple> updates = new ArrayList<>(rows.size());
      signed.forEach(f -> updates.addAll(f.result()));
      return pool.preparedQuery(SET_CODE).executeBatch(updates);
    }).map(updated -> {
      int stored = 0;
      for (RowSet<Row> r = updated; r != null; r = r.next()) {
        stored += r.rowCount();
      }
      return stored;
    }).onFailure(t -> LOG.warn("Signing {} ticket code(s) failed; housekeeping signs them later",
        rows.size(), t));
  }

  /**
   * Checks a code (or a rotating code, whose one-time password it does not check: see
   * {@link RotatingCodes#verify}). Never fails for a bad code: that is a {@link Result}.
   */
  public Future<Check> check(String code) {
    if (code == null) {
      return Future.succeededFuture(MALFORMED);
    }
    String[] parts = code.split("\\.", -1);
    String otp = parts.length == 3 && RotatingCodes.isOtp(parts[2]) ? parts[2] : null;
    if (parts.length != 2 && otp == null) {
      return Future.succeededFuture(MALFORMED);
    }
    String plain = otp == null ? code : parts[0] + "." + parts[1];
    CodePayload known = checked.get(plain);
    if (known != null) {
      return Future.succeededFuture(new Check(Result.VALID, known, otp));
    }
    byte[] payloadBytes = decode(parts[0]);
    byte[] signature = decode(parts[1]);
    CodePayload payload = payloadBytes == null ? null : CodePayload.decode(payloadBytes);
    if (payload == null || signature == null) {
      return Future.succeededFuture(MALFORMED);
    }
    if (signature.length != Ed25519.SIGNATURE_BYTES) {
      return Future.succeededFuture(new Check(Result.INVALID_SIGNATURE, payload, otp));
    }
    return keys.verifying(payload.eventId()).compose(eventKeys -> eventKeys.isEmpty()
        ? Future.succeededFuture(false)
        : workers.executeBlocking(() -> {
          for (TicketKeys.PublicEntry k : eventKeys) {
            if (Ed25519.verify(k.key(), payloadBytes, signature)) {
              return true;
            }
          }
          return false;
        }, false))
        .map(ok -> {
          if (!ok) {
            return new Check(Result.INVALID_SIGNATURE, payload, otp);
          }
          checked.put(plain, payload);
          return new Check(Result.VALID, payload, otp);
        });
  }

  /**
   * The rotating secret of the ticket's {@code version}, for the door's check of a rotating
   * code ({@link RotatingCodes#verify}); null when the ticket is unknown or at another version
   * (that code was revoked).
   */
  public Future<byte[]> rotatingSecret(UUID ticketId, int version) {
    return pool.preparedQuery(SECRET).execute(Tuple.of(ticketId, version)).map(rows ->
        rows.size() == 0 ? null : rows.iterator().next().getBuffer("rotating_secret").getBytes());
  }

  /** Releases this instance's hold on the shared worker pool. */
  public Future<Void> close() {
    return workers.close();
  }

  static String b64(byte[] bytes) {
    return ENCODER.encodeToString(bytes);
  }

  /**
   * Base64url without padding, canonical only: text that re-encodes differently (padding,
   * stray low bits in the last character) is refused, so no two texts name one code.
   */
  static byte[] decode(String text) {
    if (text.isEmpty()) {
      return null;
    }
    try {
      byte[] bytes = DECODER.decode(text);
      return ENCODER.encodeToString(bytes).equals(text) ? bytes : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
