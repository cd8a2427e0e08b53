package io.holdfast.notify.template;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Fills a template with a mail's data, in a small subset of Mustache: {@code {{name}}} is a
 * value (HTML-escaped when rendering the HTML part), {@code {{#name}}...{{/name}}} repeats for
 * each item of a list (an item's fields are then in scope) or shows once when the value is
 * there and not false, {@code {{^name}}...{{/name}}} shows when it is missing, false or empty.
 * A missing value is empty text. No logic beyond that: the consumer that enqueues a mail
 * computes what it shows.
 */
public final class Renderer {
  private static final String OPEN = "{{";
  private static final String CLOSE = "}}";

  private Renderer() {}

  /** {@code template} filled from {@code data}; {@code html} escapes every value for HTML. */
  public static String render(String template, JsonObject data, boolean html) {
    Deque<Object> scopes = new ArrayDeque<>();
    scopes.push(data);
    StringBuilder out = new StringBuilder(template.length() + 256);
    render(template, 0, template.length(), scopes, html, out);
    return out.toString();
  }

  private static void render(String t, int from, int to, Deque<Object> scopes, boolean html,
      StringBuilder out) {
    int i = from;
    while (i < to) {
      int open = t.indexOf(OPEN, i);
      if (open < 0 || open >= to) {
        out.append(t, i, to);
        return;
      }
      out.append(t, i, open);
      int close = t.indexOf(CLOSE, open);
      if (close < 0 || close >= to) {
        throw new IllegalArgumentException("unclosed {{ at " + open);
      }
      String tag = t.substring(open + 2, close).trim();
      i = close + 2;
      if (tag.startsWith("#") || tag.startsWith("^")) {
        String name = tag.substring(1).trim();
        String end = OPEN + "/" + name + CLOSE;
        int endAt = t.indexOf(end, i);
        if (endAt < 0 || endAt >= to) {
          throw new IllegalArgumentException("section " + name + " is never closed");
        }
        section(t, i, endAt, lookup(scopes, name), tag.charAt(0) == '^', scopes, html, out);
        i = endAt + end.length();
      } else if (tag.startsWith("/")) {
        throw new IllegalArgumentException("unexpected " + OPEN + tag + CLOSE);
      } else {
        Object value = lookup(scopes, tag);
        if (value != null) {
          out.append(html ? escape(value.toString()) : value.toString());
        }
      }
    }
  }

  private static void section(String t, int from, int to, Object value, boolean inverted,
      Deque<Object> scopes, boolean html, StringBuilder out) {
    if (inverted) {
      if (!present(value)) {
        render(t, from, to, scopes, html, out);
      }
      return;
    }
    if (value instanceof JsonArray list) {
      for (Object item : list) {
        scopes.push(item);
        render(t, from, to, scopes, html, out);
        scopes.pop();
      }
    } else if (present(value)) {
      render(t, from, to, scopes, html, out);
    }
  }

  private static boolean present(Object value) {
    return value != null && !Boolean.FALSE.equals(value)
        && !(value instanceof String s && s.isEmpty())
        && !(value instanceof JsonArray a && a.isEmpty());
  }

  /** {@code .} is the item in hand; a name is looked for from the innermost scope out. */
  private static Object lookup(Deque<Object> scopes, String name) {
    if (name.equals(".")) {
      return scopes.peek();
    }
    for (Object scope : scopes) {
      if (scope instanceof JsonObject object && object.containsKey(name)) {
        return object.getValue(name);
      }
    }
    return null;
  }

  /** The five characters that change meaning in HTML text and attribute values. */
  public static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
