package io.holdfast.edge.http;

import io.holdfast.contracts.problem.Problem;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Set;

/**
 * Reads a JSON request body strictly: every problem with every field is collected, and the
 * request is refused as a whole (422 with {@code errors[]}) before anything is written.
 */
public final class BodyReader {
  /** The most errors an answer lists; the rest are counted in its detail. */
  static final int MAX_ERRORS = 50;
  /** The deepest nesting a body may have; the deepest real one (an event's rows) is 5. */
  static final int MAX_DEPTH = 32;
  private final JsonObject body;
  private final String prefix;
  private final JsonArray errors;
  /** Errors past the listed ones, shared with nested readers. */
  private final int[] hidden;

  private BodyReader(JsonObject body, String prefix, JsonArray errors, int[] hidden) {
    this.body = body;
    this.prefix = prefix;
    this.errors = errors;
    this.hidden = hidden;
  }

  /** Parses the body; malformed JSON or a non-object is a 400. */
  public static BodyReader of(Buffer raw) {
    if (raw == null || raw.length() == 0) {
      throw Problem.of(400, "malformed-json", "Malformed JSON", "A JSON object body is required")
          .toException();
    }
    if (depthPasses(raw, MAX_DEPTH)) {
      throw Problem.of(422, "body-too-deep", "Body nested too deeply",
          "JSON bodies may nest objects and arrays at most " + MAX_DEPTH + " deep").toException();
    }
    Object parsed;
    try {
      parsed = raw.toJsonValue();
    } catch (DecodeException e) {
      throw Problem.of(400, "malformed-json", "Malformed JSON",
          "The body is not valid JSON").toException();
    }
    if (!(parsed instanceof JsonObject object)) {
      throw Problem.of(400, "malformed-json", "Malformed JSON",
          "The body must be a JSON object").toException();
    }
    return new BodyReader(object, "", new JsonArray(), new int[1]);
  }

  /**
   * Whether the JSON text nests objects and arrays deeper than {@code max}, found by one pass
   * over its bytes before any parser builds (or recurses into) anything.
   */
  static boolean depthPasses(Buffer raw, int max) {
    int depth = 0;
    boolean inString = false;
    int length = raw.length();
    for (int i = 0; i < length; i++) {
      byte b = raw.getByte(i);
      if (inString) {
        if (b == '\\') {
          i++;
        } else if (b == '"') {
          inString = false;
        }
      } else if (b == '"') {
        inString = true;
      } else if (b == '{' || b == '[') {
        if (++depth > max) {
          return true;
        }
      } else if (b == '}' || b == ']') {
        depth--;
      }
    }
    return false;
  }

  /** A reader over a nested object that reports into the same error list. */
  public BodyReader nested(JsonObject object, String path) {
    return new BodyReader(object, prefix + path + ".", errors, hidden);
  }

  public JsonObject raw() {
    return body;
  }

  public boolean has(String field) {
    return body.containsKey(field) && body.getValue(field) != null;
  }

  /** Records an error; past {@link #MAX_ERRORS} they are only counted, to keep answers small. */
  public void error(String field, String message) {
    if (errors.size() < MAX_ERRORS) {
      errors.add(new JsonObject().put("field", prefix + field).put("message", message));
    } else {
      hidden[0]++;
    }
  }

  /** Every field not in {@code known} is an error: a typo must not be silently ignored. */
  public BodyReader only(Set<String> known) {
    for (String field : body.fieldNames()) {
      if (!known.contains(field)) {
        error(field, "is not a known field");
      }
    }
    return this;
  }

  public String string(String field, boolean required, int min, int max) {
    Object v = body.getValue(field);
    if (v == null) {
      if (required) {
        error(field, "is required");
      }
      return null;
    }
    if (!(v instanceof String s)) {
      error(field, "must be a string");
      return null;
    }
    if (s.length() < min || s.length() > max) {
      error(field, "must be " + min + " to " + max + " characters long");
      return null;
    }
    return s;
  }

  public Integer integer(String field, Integer fallback, long min, long max) {
    Object v = body.getValue(field);
    if (v == null) {
      if (fallback == null) {
        error(field, "is required");
      }
      return fallback;
    }
    if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())
        || v instanceof Double && Double.isInfinite((Double) v)) {
      error(field, "must be a whole number");
      return null;
    }
    double d = n.doubleValue();
    if (d < min || d > max) {
      error(field, "must be between " + min + " and " + max);
      return null;
    }
    return (int) d;
  }

  /** A boolean field; anything else is an error (answered false). */
  public boolean bool(String field) {
    Object v = body.getValue(field);
    if (!(v instanceof Boolean b)) {
      error(field, "must be true or false");
      return false;
    }
    return b;
  }

  public Long money(String field, long max) {
    Object v = body.getValue(field);
    if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
      error(field, v == null ? "is required" : "must be a whole number of minor units");
      return null;
    }
    if (n.doubleValue() < 0 || n.doubleValue() > max) {
      error(field, "must be between 0 and " + max);
      return null;
    }
    return n.longValue();
  }

  public Instant instant(String field, boolean required) {
    String s = string(field, required, 1, 64);
    if (s == null) {
      return null;
    }
    try {
      return Instant.parse(s);
    } catch (DateTimeParseException e) {
      error(field, "must be an RFC 3339 UTC time such as 2027-06-01T19:30:00Z");
      return null;
    }
  }

  public JsonArray array(String field, int min, int max) {
    Object v = body.getValue(field);
    if (!(v instanceof JsonArray a)) {
      error(field, v == null ? "is required" : "must be an array");
      return null;
    }
    if (a.size() < min || a.size() > max) {
      error(field, "must have " + min + " to " + max + " entries");
      return null;
    }
    return a;
  }

  /** Ends reading: any error so far refuses the request with a 422 listing them all. */
  public void validate() {
    if (!errors.isEmpty()) {
      JsonObject first = errors.getJsonObject(0);
      throw Problem.of(422, "validation", "Invalid request",
              first.getString("field") + " " + first.getString("message")
                  + (errors.size() + hidden[0] > 1
                      ? " (and " + (errors.size() + hidden[0] - 1) + " more)" : ""))
          .with("errors", errors).toException();
    }
  }
}
