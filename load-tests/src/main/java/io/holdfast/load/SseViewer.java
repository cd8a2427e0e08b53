package io.holdfast.load;

import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * One seat-map viewer: a raw HTTP/1.1 connection to {@code GET /v1/events/{id}/stream} that
 * de-chunks the response and looks only at the first bytes of each Server-Sent Event (its name
 * and the first section's counts), so thousands of them cost the driver little CPU however large
 * the seat-map changes are. Used from the driver's one selector thread only.
 */
final class SseViewer {
  /** Bytes kept from the start of each event: its name and the first section's counts. */
  private static final int PREFIX = 512;
  private static final byte[] EVENT = "event: ".getBytes(StandardCharsets.US_ASCII);

  /** What a viewer hears: a whole event, its first bytes in {@code prefix}. */
  interface Listener {
    void event(SseViewer viewer, byte[] prefix, int length, long nanos);
  }

  private enum State { HEADERS, SIZE, DATA, DATA_END, DONE }

  final int index;
  final int eventIndex;
  final SocketChannel channel;
  private final Listener listener;
  private State state = State.HEADERS;
  private int headerTail;
  private final byte[] status = new byte[12];
  private int statusLength;
  private long chunkLeft;
  private boolean sizeRead;
  private int crlfLeft;
  private final byte[] prefix = new byte[PREFIX];
  private int prefixLength;

  long bytes;
  int availability;
  int changes;
  int keepAlives;
  /** Highest probe count seen in this viewer's map. */
  int probesSeen;
  boolean closed;
  /** Got its first whole map. */
  boolean ready;
  String failure;

  SseViewer(int index, int eventIndex, SocketChannel channel, Listener listener) {
    this.index = index;
    this.eventIndex = eventIndex;
    this.channel = channel;
    this.listener = listener;
  }

  static byte[] request(String host, int port, String eventId) {
    return ("GET /v1/events/" + eventId + "/stream HTTP/1.1\r\nHost: " + host + ":" + port
        + "\r\nAccept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
  }

  /** Consumes what was read; {@code nanos} is when it arrived. */
  void consume(ByteBuffer in, long nanos) {
    bytes += in.remaining();
    while (in.hasRemaining() && state != State.DONE) {
      switch (state) {
        case HEADERS -> {
          byte b = in.get();
          if (statusLength < status.length) {
            status[statusLength++] = b;
            if (statusLength == status.length && !new String(status, StandardCharsets.US_ASCII)
                .startsWith("HTTP/1.1 200")) {
              fail("answered " + new String(status, StandardCharsets.US_ASCII).trim());
              return;
            }
          }
          // The headers end at CR LF CR LF.
          headerTail = (b == '\r' || b == '\n') ? headerTail + 1 : 0;
          if (headerTail == 4) {
            state = State.SIZE;
            chunkLeft = 0;
          }
        }
        case SIZE -> {
          byte b = in.get();
          if (b == '\n') {
            if (chunkLeft == 0) {
              state = State.DONE;
              closed = true;
            } else {
              state = State.DATA;
              prefixLength = 0;
            }
            sizeRead = false;
          } else if (!sizeRead) {
            int digit = Character.digit(b, 16);
            if (digit >= 0) {
              chunkLeft = chunkLeft * 16 + digit;
            } else {
              // CR, or a chunk extension: the size is complete.
              sizeRead = true;
            }
          }
        }
        case DATA -> {
          int take = (int) Math.min(chunkLeft, in.remaining());
          int keep = Math.min(take, PREFIX - prefixLength);
          in.get(prefix, prefixLength, keep);
          prefixLength += keep;
          in.position(in.position() + (take - keep));
          chunkLeft -= take;
          if (chunkLeft == 0) {
            state = State.DATA_END;
            crlfLeft = 2;
            chunk(nanos);
          }
        }
        case DATA_END -> {
          in.get();
          if (--crlfLeft == 0) {
            state = State.SIZE;
            chunkLeft = 0;
          }
        }
        default -> in.position(in.limit());
      }
    }
  }

  /** One chunk is one write of the server: one event, or a keep-alive comment. */
  private void chunk(long nanos) {
    if (prefixLength > 0 && prefix[0] == ':') {
      keepAlives++;
      return;
    }
    if (!startsWith(EVENT)) {
      return;
    }
    if (matchAt(EVENT.length, "changes")) {
      changes++;
    } else if (matchAt(EVENT.length, "availability")) {
      availability++;
    }
    listener.event(this, prefix, prefixLength, nanos);
  }

  private boolean startsWith(byte[] b) {
    if (prefixLength < b.length) {
      return false;
    }
    for (int i = 0; i < b.length; i++) {
      if (prefix[i] != b[i]) {
        return false;
      }
    }
    return true;
  }

  private boolean matchAt(int at, String word) {
    if (prefixLength < at + word.length()) {
      return false;
    }
    for (int i = 0; i < word.length(); i++) {
      if (prefix[at + i] != word.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  void fail(String why) {
    if (failure == null) {
      failure = why;
    }
    closed = true;
    state = State.DONE;
  }
}
