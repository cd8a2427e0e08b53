package io.holdfast.contracts.hold;

import io.holdfast.contracts.problem.Problem;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageCodec;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Event-bus codecs for hold batches. In one JVM a message is handed over as it is (the records
 * are immutable), with none of the copying a JsonObject costs; between members of a clustered
 * event bus it travels in a compact binary form.
 */
public final class HoldCodecs {
  private HoldCodecs() {}

  /** Registers the codecs on this Vert.x instance, once however often it is called. */
  public static synchronized void register(Vertx vertx) {
    EventBus bus = vertx.eventBus();
    try {
      bus.registerDefaultCodec(HoldBatch.class, new BatchCodec());
      bus.registerDefaultCodec(HoldBatch.Outcomes.class, new OutcomesCodec());
    } catch (IllegalStateException alreadyRegistered) {
      // another verticle of this Vert.x instance registered them first
    }
  }

  static final class BatchCodec implements MessageCodec<HoldBatch, HoldBatch> {
    @Override
    public void encodeToWire(Buffer buffer, HoldBatch batch) {
      buffer.appendInt(batch.requests().size());
      for (HoldRequest r : batch.requests()) {
        putString(buffer, r.eventId());
        putString(buffer, r.buyerId());
        putString(buffer, r.sectionId() == null ? "" : r.sectionId());
        buffer.appendInt(r.quantity());
        putString(buffer, r.holdId() == null ? "" : r.holdId());
        putStrings(buffer, r.seats());
        buffer.appendByte((byte) (r.together() ? 1 : 0));
        putString(buffer, r.onBehalfOf() == null ? "" : r.onBehalfOf());
        buffer.appendInt(r.maxActiveHolds());
        putString(buffer, r.requestId() == null ? "" : r.requestId());
      }
    }

    @Override
    public HoldBatch decodeFromWire(int pos, Buffer buffer) {
      Reader in = new Reader(buffer, pos);
      int n = in.integer();
      List<HoldRequest> requests = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        String eventId = in.string();
        String buyerId = in.string();
        String sectionId = in.string();
        int quantity = in.integer();
        String holdId = in.string();
        List<String> seats = in.strings();
        boolean together = in.flag();
        String onBehalfOf = in.string();
        int maxActiveHolds = in.integer();
        String requestId = in.string();
        requests.add(new HoldRequest(eventId, buyerId, sectionId.isEmpty() ? null : sectionId,
            quantity, holdId.isEmpty() ? null : holdId, seats, together,
            onBehalfOf.isEmpty() ? null : onBehalfOf, maxActiveHolds,
            requestId.isEmpty() ? null : requestId));
      }
      return new HoldBatch(requests);
    }

    @Override
    public HoldBatch transform(HoldBatch batch) {
      return batch;
    }

    @Override
    public String name() {
      return "holdfast.hold-batch";
    }

    @Override
    public byte systemCodecID() {
      return -1;
    }
  }

  static final class OutcomesCodec implements MessageCodec<HoldBatch.Outcomes, HoldBatch.Outcomes> {
    @Override
    public void encodeToWire(Buffer buffer, HoldBatch.Outcomes outcomes) {
      buffer.appendInt(outcomes.outcomes().size());
      for (HoldOutcome o : outcomes.outcomes()) {
        if (o.grant() != null) {
          HoldGrant g = o.grant();
          buffer.appendByte((byte) 1);
          putString(buffer, g.holdId());
          putString(buffer, g.eventId());
          putString(buffer, g.sectionId());
          putStrings(buffer, g.seats());
          buffer.appendInt(g.quantity());
          buffer.appendLong(g.amountCents());
          putString(buffer, g.currency());
          putString(buffer, g.createdAt());
          putString(buffer, g.expiresAt());
        } else {
          buffer.appendByte((byte) 0);
          putString(buffer, o.problem().toJson().encode());
        }
      }
    }

    @Override
    public HoldBatch.Outcomes decodeFromWire(int pos, Buffer buffer) {
      Reader in = new Reader(buffer, pos);
      int n = in.integer();
      List<HoldOutcome> outcomes = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        if (in.flag()) {
          String holdId = in.string();
          String eventId = in.string();
          String sectionId = in.string();
          List<String> seats = in.strings();
          int quantity = in.integer();
          long amountCents = in.longValue();
          outcomes.add(HoldOutcome.granted(new HoldGrant(holdId, eventId, sectionId,
              seats == null ? List.of() : seats, quantity, amountCents, in.string(), in.string(),
              in.string())));
        } else {
          outcomes.add(HoldOutcome.refused(Problem.fromJson(new JsonObject(in.string()))));
        }
      }
      return new HoldBatch.Outcomes(outcomes);
    }

    @Override
    public HoldBatch.Outcomes transform(HoldBatch.Outcomes outcomes) {
      return outcomes;
    }

    @Override
    public String name() {
      return "holdfast.hold-outcomes";
    }

    @Override
    public byte systemCodecID() {
      return -1;
    }
  }

  private static void putString(Buffer buffer, String s) {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    buffer.appendInt(bytes.length).appendBytes(bytes);
  }

  /** A list of strings, or -1 for null. */
  private static void putStrings(Buffer buffer, List<String> list) {
    if (list == null) {
      buffer.appendInt(-1);
      return;
    }
    buffer.appendInt(list.size());
    for (String s : list) {
      putString(buffer, s);
    }
  }

  /** Reads a buffer front to back. */
  private static final class Reader {
    private final Buffer buffer;
    private int pos;

    Reader(Buffer buffer, int pos) {
      this.buffer = buffer;
      this.pos = pos;
    }

    int integer() {
      int v = buffer.getInt(pos);
      pos += 4;
      return v;
    }

    long longValue() {
      long v = buffer.getLong(pos);
      pos += 8;
      return v;
    }

    boolean flag() {
      return buffer.getByte(pos++) != 0;
    }

    List<String> strings() {
      int n = integer();
      if (n < 0) {
        return null;
      }
      List<String> list = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        list.add(string());
      }
      return list;
    }

    String string() {
      int length = integer();
      String s = buffer.getString(pos, pos + length, "UTF-8");
      pos += length;
      return s;
    }
  }
}
