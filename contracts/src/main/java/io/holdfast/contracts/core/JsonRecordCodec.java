package io.holdfast.contracts.core;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;
import io.vertx.core.json.JsonObject;
import java.util.function.Function;

/**
 * The event-bus codec of one message record. In one JVM the record is handed over as it is (it
 * is immutable); between processes it travels as its JSON, length first, written and read by
 * the record's own {@code toJson} and {@code fromJson}.
 */
final class JsonRecordCodec<T> implements MessageCodec<T, T> {
  private final String name;
  private final Function<T, JsonObject> write;
  private final Function<JsonObject, T> read;

  JsonRecordCodec(String name, Function<T, JsonObject> write, Function<JsonObject, T> read) {
    this.name = name;
    this.write = write;
    this.read = read;
  }

  @Override
  public void encodeToWire(Buffer buffer, T message) {
    Buffer json = write.apply(message).toBuffer();
    buffer.appendInt(json.length()).appendBuffer(json);
  }

  @Override
  public T decodeFromWire(int pos, Buffer buffer) {
    int length = buffer.getInt(pos);
    return read.apply(new JsonObject(buffer.getBuffer(pos + 4, pos + 4 + length)));
  }

  @Override
  public T transform(T message) {
    return message;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public byte systemCodecID() {
    return -1;
  }
}
