package io.holdfast.deploy.terraform;

import io.holdfast.deploy.terraform.Hcl.Expr;
import io.holdfast.deploy.terraform.Hcl.Pos;
import java.util.ArrayList;
import java.util.List;

/**
 * HCL's templates: quoted strings (with backslash escapes) and heredocs ({@code <<EOF} and the
 * indented {@code <<-EOF}), both with ${...} interpolations, $${ and %%{ escapes, and the
 * %{if}/%{else}/%{endif} directives. A %{for} directive is refused by name: its loop variable
 * would need a scope this checker does not give templates.
 */
abstract class HclTemplates extends HclScanner {
  protected HclTemplates(String file, String src) {
    super(file, src);
  }

  /** A whole expression, written by the parser proper. */
  protected abstract Expr expression();

  protected Hcl.Template quoted() {
    Pos start = here();
    pos++;
    List<Object> parts = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    while (true) {
      if (atEnd() || peek() == '\n') {
        throw new SyntaxError(start, "a string is never closed: expected '\"'");
      }
      char c = peek();
      if (c == '"') {
        pos++;
        break;
      }
      if (c == '\\') {
        text.append(escape());
      } else if (!templateSequence(parts, text)) {
        text.append(c);
        pos++;
      }
    }
    flush(parts, text);
    return new Hcl.Template(parts, start);
  }

  protected Hcl.Template heredoc() {
    Pos start = here();
    pos += 2;
    if (peek() == '-') {
      pos++;
    }
    String marker = identifier();
    if (marker == null || peek() != '\n') {
      throw error("a heredoc starts with <<NAME or <<-NAME and a new line");
    }
    pos++;
    List<Object> parts = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    boolean lineStart = true;
    while (true) {
      if (atEnd()) {
        throw new SyntaxError(start, "heredoc <<" + marker + " is never closed by a line "
            + marker);
      }
      if (lineStart) {
        int end = src.indexOf('\n', pos);
        String line = src.substring(pos, end < 0 ? src.length() : end);
        if (line.strip().equals(marker)) {
          pos += line.stripTrailing().length();
          break;
        }
      }
      char c = peek();
      lineStart = c == '\n';
      if (!templateSequence(parts, text)) {
        text.append(c);
        pos++;
      }
    }
    flush(parts, text);
    return new Hcl.Template(parts, start);
  }

  /** Reads ${...}, %{...}, $${ or %%{ at the current position; false when none is there. */
  private boolean templateSequence(List<Object> parts, StringBuilder text) {
    if (lookingAt("$${") || lookingAt("%%{")) {
      text.append(peek()).append('{');
      pos += 3;
      return true;
    }
    boolean interpolation = lookingAt("${");
    if (!interpolation && !lookingAt("%{")) {
      return false;
    }
    flush(parts, text);
    pos += 2;
    int saved = nested;
    nested = 1;
    if (peek() == '~') {
      pos++;
    }
    skipSpace(true);
    if (interpolation) {
      parts.add(expression());
    } else {
      directive(parts);
    }
    skipSpace(true);
    if (peek() == '~') {
      pos++;
    }
    expect('}', interpolation ? "to close ${" : "to close %{");
    nested = saved;
    return true;
  }

  private void directive(List<Object> parts) {
    Pos start = here();
    String word = identifier();
    if ("if".equals(word)) {
      skipSpace(true);
      parts.add(expression());
    } else if ("for".equals(word) || "endfor".equals(word)) {
      throw new SyntaxError(start, "%{for} in templates is not supported by this checker; "
          + "build the text with a for-expression and join()");
    } else if (!"else".equals(word) && !"endif".equals(word)) {
      throw new SyntaxError(start, "unknown template directive %{" + word + "}");
    }
  }

  private String escape() {
    Pos start = here();
    pos++;
    char c = peek();
    pos++;
    switch (c) {
      case 'n': return "\n";
      case 'r': return "\r";
      case 't': return "\t";
      case '"': return "\"";
      case '\\': return "\\";
      case 'u':
      case 'U': {
        int digits = c == 'u' ? 4 : 8;
        if (pos + digits > src.length()) {
          throw new SyntaxError(start, "a \\" + c + " escape needs " + digits + " hex digits");
        }
        String hex = src.substring(pos, pos + digits);
        try {
          pos += digits;
          return new String(Character.toChars(Integer.parseInt(hex, 16)));
        } catch (IllegalArgumentException e) {
          throw new SyntaxError(start, "bad escape \\" + c + hex);
        }
      }
      default:
        throw new SyntaxError(start, "unknown escape \\" + c + " in a string");
    }
  }

  private static void flush(List<Object> parts, StringBuilder text) {
    if (text.length() > 0) {
      parts.add(text.toString());
      text.setLength(0);
    }
  }
}
