package io.holdfast.edge.redis;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads Redis replies (RESP2) off a connection's byte stream, one at a time and in order:
 * simple strings, integers and bulk strings as text, nil as null, an error reply as an
 * {@link ErrorReply}, an array as the text of its list. A reply split over reads waits for
 * the rest. One per connection, on its event loop.
 */
final class RespReader {
  /** An error reply of Redis: it fails the one command it answers. */
  static final class ErrorReply extends RuntimeException {
    ErrorReply(String message) {
      super(message, null, false, false);
    }
  }

  /** The most elements an array reply may have, and how deeply arrays may nest. */
  private static final int MAX_ARRAY = 1 << 20;
  private static final int MAX_DEPTH = 8;

  private Buffer pending;
  private int position;
  /** The reply {@link #parse} read last. */
  private Object value;

  /** Takes the next bytes of the stream; hands each complete reply to {@code replies}. */
  void feed(Buffer chunk, Consumer<Object> replies) {
    if (pending == null || position >= pending.length()) {
      pending = chunk;
    } else {
      // Part of a reply is left from the last read: keep it and add the new bytes after it.
      pending = Buffer.buffer(pending.length() - position + chunk.length())
          .appendBuffer(pending, position, pending.length() - position).appendBuffer(chunk);
    }
    position = 0;
    int end;
    while ((end = parse(position, 0)) >= 0) {
      position = end;
      replies.accept(value);
    }
  }

  /** Reads the reply at {@code at} into {@link #value}; its end, or -1 while incomplete. */
  private int parse(int at, int depth) {
    int length = pending.length();
    if (at >= length) {
      return -1;
    }
    int lineEnd = lineEnd(at + 1, length);
    if (lineEnd < 0) {
      return -1;
    }
    byte type = pending.getByte(at);
    switch (type) {
      case '+', ':' -> value = text(at + 1, lineEnd);
      case '-' -> value = new ErrorReply(text(at + 1, lineEnd));
      case '$' -> {
        long size = number(at + 1, lineEnd);
        if (size < 0) {
          value = null;
          return lineEnd + 2;
        }
        if (lineEnd + 2 + size + 2 > length) {
          return -1;
        }
        value = text(lineEnd + 2, lineEnd + 2 + (int) size);
        return lineEnd + 2 + (int) size + 2;
      }
      case '*' -> {
        long size = number(at + 1, lineEnd);
        if (size < 0) {
          value = null;
          return lineEnd + 2;
        }
        if (size > MAX_ARRAY || depth >= MAX_DEPTH) {
          throw new IllegalStateException("Redis sent an array too large or too deep");
        }
        List<Object> items = new ArrayList<>((int) size);
        int next = lineEnd + 2;
        for (int i = 0; i < size; i++) {
          next = parse(next, depth + 1);
          if (next < 0) {
            return -1;
          }
          items.add(value instanceof ErrorReply e ? e.getMessage() : value);
        }
        value = items.toString();
        return next;
      }
      default -> throw new IllegalStateException("Redis sent a reply of unknown type "
          + (char) type);
    }
    return lineEnd + 2;
  }

  /** The index of the {@code \r} of the line starting at {@code from}, or -1. */
  private int lineEnd(int from, int length) {
    for (int i = from; i + 1 < length; i++) {
      if (pending.getByte(i) == '\r' && pending.getByte(i + 1) == '\n') {
        return i;
      }
    }
    return -1;
  }

  private String text(int from, int to) {
    return pending.getString(from, to, StandardCharsets.UTF_8.name());
  }

  private long number(int from, int to) {
    long n = 0;
    boolean negative = pending.getByte(from) == '-';
    for (int i = negative ? from + 1 : from; i < to; i++) {
      byte digit = pending.getByte(i);
      if (digit < '0' || digit > '9') {
        throw new IllegalStateException("Redis sent a malformed length");
      }
      n = n * 10 + (digit - '0');
    }
    return negative ? -n : n;
  }
}
