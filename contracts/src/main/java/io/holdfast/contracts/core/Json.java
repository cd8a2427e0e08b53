package io.holdfast.contracts.core;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Lists to and from JSON arrays, for the messages' {@code toJson} and {@code fromJson}. */
final class Json {
  private Json() {}

  static <T> JsonArray array(List<T> items, Function<T, Object> write) {
    JsonArray array = new JsonArray();
    for (T item : items) {
      array.add(write.apply(item));
    }
    return array;
  }

  /** The objects of {@code array} read one by one; absent is empty. */
  static <T> List<T> objects(JsonArray array, Function<JsonObject, T> read) {
    if (array == null) {
      return List.of();
    }
    List<T> list = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      list.add(read.apply(array.getJsonObject(i)));
    }
    return List.copyOf(list);
  }

  static List<String> strings(JsonArray array) {
    if (array == null) {
      return List.of();
    }
    List<String> list = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      list.add(array.getString(i));
    }
    return List.copyOf(list);
  }

  static List<Integer> integers(JsonArray array) {
    if (array == null) {
      return List.of();
    }
    List<Integer> list = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      list.add(array.getInteger(i));
    }
    return List.copyOf(list);
  }
}
