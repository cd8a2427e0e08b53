package io.holdfast.contracts.problem;

import io.vertx.core.json.JsonObject;

/**
 * An RFC 9457 problem: the one shape every error takes, on the wire and on the event bus.
 * The {@code type} is a stable slug under {@link #TYPE_BASE}.
 */
public record Problem(int status, String slug, String title, String detail, JsonObject extensions) {
  public static final String TYPE_BASE = "https://holdfast.dev/problems/";

  public static Problem of(int status, String slug, String title, String detail) {
    return new Problem(status, slug, title, detail, new JsonObject());
  }

  public Problem with(String member, Object value) {
    JsonObject ext = extensions.copy().put(member, value);
    return new Problem(status, slug, title, detail, ext);
  }

  public ProblemException toException() {
    return new ProblemException(this);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject()
        .put("type", TYPE_BASE + slug)
        .put("title", title)
        .put("status", status)
        .put("detail", detail);
    extensions.forEach(e -> json.put(e.getKey(), e.getValue()));
    return json;
  }

  public static Problem fromJson(JsonObject json) {
    String type = json.getString("type", TYPE_BASE + "error");
    String slug = type.startsWith(TYPE_BASE) ? type.substring(TYPE_BASE.length()) : type;
    JsonObject ext = json.copy();
    ext.remove("type");
    ext.remove("title");
    ext.remove("status");
    ext.remove("detail");
    return new Problem(json.getInteger("status", 500), slug, json.getString("title"),
        json.getString("detail"), ext);
  }
}
