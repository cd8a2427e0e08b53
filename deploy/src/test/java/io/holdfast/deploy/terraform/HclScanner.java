package io.holdfast.deploy.terraform;

import java.util.Arrays;

/**
 * The character level under {@link HclParser}: the position in the text, white space and
 * comments, names, and errors that say file:line:column. New lines end an attribute, except
 * inside brackets, parentheses and interpolations, where {@link #nested} counts how deep we are.
 */
abstract class HclScanner {
  /** Thrown for any text the parser cannot read; the message starts with file:line:column. */
  static final class SyntaxError extends RuntimeException {
    SyntaxError(Hcl.Pos pos, String message) {
      super(pos + ": " + message);
    }
  }

  protected final String file;
  protected final String src;
  protected int pos;
  /** Above zero inside (), [], ${} and for-expressions: new lines are white space there. */
  protected int nested;
  private final int[] lineStarts;

  protected HclScanner(String file, String src) {
    this.file = file;
    this.src = src;
    int[] starts = new int[16];
    int count = 1;
    for (int i = 0; i < src.length(); i++) {
      if (src.charAt(i) == '\n') {
        if (count == starts.length) {
          starts = Arrays.copyOf(starts, count * 2);
        }
        starts[count++] = i + 1;
      }
    }
    this.lineStarts = Arrays.copyOf(starts, count);
  }

  protected Hcl.Pos here() {
    return at(pos);
  }

  protected Hcl.Pos at(int offset) {
    int line = Arrays.binarySearch(lineStarts, offset);
    if (line < 0) {
      line = -line - 2;
    }
    return new Hcl.Pos(file, line + 1, offset - lineStarts[line] + 1);
  }

  protected SyntaxError error(String message) {
    return new SyntaxError(here(), message);
  }

  protected boolean atEnd() {
    return pos >= src.length();
  }

  protected char peek() {
    return atEnd() ? '\0' : src.charAt(pos);
  }

  protected char peek(int ahead) {
    return pos + ahead < src.length() ? src.charAt(pos + ahead) : '\0';
  }

  protected boolean lookingAt(String text) {
    return src.startsWith(text, pos);
  }

  protected void expect(char c, String what) {
    if (peek() != c) {
      throw error("expected '" + c + "' " + what + ", found " + describe());
    }
    pos++;
  }

  /** What is at the current position, for error messages. */
  protected String describe() {
    if (atEnd()) {
      return "the end of the file";
    }
    char c = peek();
    return c == '\n' ? "a new line" : "'" + c + "'";
  }

  /**
   * Skips spaces and comments; new lines too when {@code newlines} is set or inside brackets.
   * Stops in front of a new line that ends something.
   */
  protected void skipSpace(boolean newlines) {
    boolean nl = newlines || nested > 0;
    while (!atEnd()) {
      char c = peek();
      if (c == ' ' || c == '\t' || c == '\r' || (c == '\n' && nl)) {
        pos++;
      } else if (c == '#' || (c == '/' && peek(1) == '/')) {
        while (!atEnd() && peek() != '\n') {
          pos++;
        }
      } else if (c == '/' && peek(1) == '*') {
        int end = src.indexOf("*/", pos + 2);
        if (end < 0) {
          throw error("comment /* is never closed");
        }
        pos = end + 2;
      } else {
        return;
      }
    }
  }

  static boolean idStart(char c) {
    return Character.isLetter(c) || c == '_';
  }

  static boolean idPart(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '-';
  }

  /** An identifier (letters, digits, _ and -, not starting with a digit or -), or null. */
  protected String identifier() {
    if (!idStart(peek())) {
      return null;
    }
    int start = pos;
    while (idPart(peek())) {
      pos++;
    }
    return src.substring(start, pos);
  }

  /** Whether the next word is {@code keyword}, whole (so "format" is not "for"). */
  protected boolean keyword(String keyword) {
    return lookingAt(keyword) && !idPart(peek(keyword.length()));
  }

  /** A number: digits, an optional fraction and exponent, or a minus sign before them. */
  protected Hcl.Expr number() {
    Hcl.Pos start = here();
    int from = pos;
    if (peek() == '-') {
      pos++;
    }
    while (Character.isDigit(peek())) {
      pos++;
    }
    if (peek() == '.' && Character.isDigit(peek(1))) {
      pos++;
      while (Character.isDigit(peek())) {
        pos++;
      }
    }
    if (peek() == 'e' || peek() == 'E') {
      pos++;
      if (peek() == '+' || peek() == '-') {
        pos++;
      }
      if (!Character.isDigit(peek())) {
        throw error("expected the exponent's digits");
      }
      while (Character.isDigit(peek())) {
        pos++;
      }
    }
    return new Hcl.Literal(new java.math.BigDecimal(src.substring(from, pos)), start);
  }
}
