package io.holdfast.deploy.terraform;

import io.holdfast.deploy.terraform.Hcl.Attribute;
import io.holdfast.deploy.terraform.Hcl.Block;
import io.holdfast.deploy.terraform.Hcl.Body;
import io.holdfast.deploy.terraform.Hcl.Expr;
import io.holdfast.deploy.terraform.Hcl.Pos;
import java.util.ArrayList;
import java.util.List;

/**
 * A recursive-descent parser of HCL's native syntax, as much of it as Terraform files use:
 * attributes and labelled blocks; numbers, booleans, null; quoted strings and heredocs with
 * ${...} interpolations and %{if}/%{else}/%{endif}; tuples, objects, for-expressions, function
 * calls (with ... expansion), traversals with attributes, indexes and splats; unary, binary and
 * conditional operators. Anything else is a {@link HclScanner.SyntaxError} naming
 * file:line:column. Templates are read by {@link HclTemplates}.
 */
final class HclParser extends HclTemplates {
  /** Binary operators by precedence, loosest first (HCL's table). */
  private static final String[][] LEVELS = {
      {"||"}, {"&&"}, {"==", "!="}, {"<=", ">=", "<", ">"}, {"+", "-"}, {"*", "/", "%"}};

  private HclParser(String file, String src) {
    super(file, src);
  }

  /** Parses a whole file ({@code file} is the name errors and positions carry). */
  static Body parse(String file, String text) {
    HclParser parser = new HclParser(file, text);
    return parser.body(true);
  }

  private Body body(boolean topLevel) {
    List<Attribute> attributes = new ArrayList<>();
    List<Block> blocks = new ArrayList<>();
    while (true) {
      skipSpace(true);
      if (atEnd()) {
        if (!topLevel) {
          throw error("a block is never closed: expected '}'");
        }
        return new Body(attributes, blocks);
      }
      if (peek() == '}') {
        if (topLevel) {
          throw error("'}' closes no block");
        }
        pos++;
        return new Body(attributes, blocks);
      }
      Pos start = here();
      String name = identifier();
      if (name == null) {
        throw error("expected an attribute name or a block type, found " + describe());
      }
      skipSpace(false);
      if (peek() == '=' && peek(1) != '=') {
        pos++;
        skipSpace(false);
        attributes.add(new Attribute(name, expression(), start));
      } else {
        blocks.add(block(name, start));
      }
      endOfItem();
    }
  }

  private Block block(String type, Pos start) {
    List<String> labels = new ArrayList<>();
    while (peek() != '{') {
      if (peek() == '"') {
        String label = Hcl.literalString(quoted());
        if (label == null) {
          throw error("a block label cannot interpolate");
        }
        labels.add(label);
      } else {
        String label = identifier();
        if (label == null) {
          throw error("expected '=' after " + type + ", or a block label or '{', found "
              + describe());
        }
        labels.add(label);
      }
      skipSpace(false);
    }
    pos++;
    int saved = nested;
    nested = 0;
    Body body = body(false);
    nested = saved;
    return new Block(type, labels, body, start);
  }

  /** After an attribute or a block: a new line, the end, or the '}' of a one-line block. */
  private void endOfItem() {
    skipSpace(false);
    if (!atEnd() && peek() != '\n' && peek() != '}') {
      throw error("expected a new line after this item, found " + describe());
    }
  }

  @Override
  protected Expr expression() {
    Pos start = here();
    Expr condition = binary(0);
    skipSpace(false);
    if (peek() != '?') {
      return condition;
    }
    pos++;
    skipSpace(false);
    Expr then = expression();
    skipSpace(false);
    expect(':', "between a conditional's results");
    skipSpace(false);
    Expr otherwise = expression();
    return new Hcl.Conditional(condition, then, otherwise, start);
  }

  private Expr binary(int level) {
    if (level == LEVELS.length) {
      return unary();
    }
    Pos start = here();
    Expr left = binary(level + 1);
    while (true) {
      int before = pos;
      skipSpace(false);
      String op = operator(LEVELS[level]);
      if (op == null) {
        pos = before;
        return left;
      }
      skipSpace(false);
      left = new Hcl.Binary(op, left, binary(level + 1), start);
    }
  }

  private String operator(String[] ops) {
    for (String op : ops) {
      // "=>" belongs to for-expressions, "..." to expansions, "//" and "/*" to comments.
      if (lookingAt(op) && !(op.equals(">") && lookingAt(">="))
          && !(op.equals("<") && lookingAt("<<"))) {
        pos += op.length();
        return op;
      }
    }
    return null;
  }

  private Expr unary() {
    Pos start = here();
    if (peek() == '!' || (peek() == '-' && !Character.isDigit(peek(1)))) {
      String op = String.valueOf(peek());
      pos++;
      skipSpace(false);
      return new Hcl.Unary(op, unary(), start);
    }
    return postfix(primary(), start);
  }

  private Expr primary() {
    Pos start = here();
    char c = peek();
    if (Character.isDigit(c) || (c == '-' && Character.isDigit(peek(1)))) {
      return number();
    }
    if (c == '"') {
      return quoted();
    }
    if (lookingAt("<<")) {
      return heredoc();
    }
    if (c == '(') {
      pos++;
      nested++;
      skipSpace(true);
      Expr inner = expression();
      skipSpace(true);
      expect(')', "to close '('");
      nested--;
      return inner;
    }
    if (c == '[') {
      return HclCollections.tuple(this);
    }
    if (c == '{') {
      return HclCollections.object(this);
    }
    String name = identifier();
    if (name == null) {
      throw error("expected an expression, found " + describe());
    }
    switch (name) {
      case "true": return new Hcl.Literal(Boolean.TRUE, start);
      case "false": return new Hcl.Literal(Boolean.FALSE, start);
      case "null": return new Hcl.Literal(null, start);
      default: break;
    }
    while (lookingAt("::")) {
      pos += 2;
      String part = identifier();
      if (part == null) {
        throw error("expected a name after '::'");
      }
      name = name + "::" + part;
    }
    int before = pos;
    skipSpace(false);
    if (peek() == '(') {
      return call(name, start);
    }
    pos = before;
    return new Hcl.Traversal(name, new ArrayList<>(), start);
  }

  private Expr call(String name, Pos start) {
    pos++;
    nested++;
    List<Expr> args = new ArrayList<>();
    skipSpace(true);
    while (peek() != ')') {
      args.add(expression());
      skipSpace(true);
      if (lookingAt("...")) {
        pos += 3;
        skipSpace(true);
        if (peek() != ')') {
          throw error("only the last argument of " + name + "() can be expanded with ...");
        }
        break;
      }
      if (peek() == ',') {
        pos++;
        skipSpace(true);
      } else if (peek() != ')') {
        throw error("expected ',' or ')' in the arguments of " + name + "(), found " + describe());
      }
    }
    pos++;
    nested--;
    return new Hcl.Call(name, args, start);
  }

  /** Attribute access, indexes and splats written right after an expression. */
  private Expr postfix(Expr source, Pos start) {
    List<Hcl.Step> steps = new ArrayList<>();
    while (true) {
      if (peek() == '.' && peek(1) != '.') {
        pos++;
        if (peek() == '*') {
          pos++;
          steps.add(new Hcl.Splat(false));
        } else if (Character.isDigit(peek())) {
          steps.add(new Hcl.Index(number()));
        } else {
          String name = identifier();
          if (name == null) {
            throw error("expected a name after '.', found " + describe());
          }
          steps.add(new Hcl.GetAttr(name));
        }
      } else if (peek() == '[') {
        pos++;
        nested++;
        skipSpace(true);
        if (peek() == '*') {
          pos++;
          skipSpace(true);
          steps.add(new Hcl.Splat(true));
        } else {
          steps.add(new Hcl.Index(expression()));
          skipSpace(true);
        }
        expect(']', "to close an index");
        nested--;
      } else {
        break;
      }
    }
    if (source instanceof Hcl.Traversal t) {
      t.steps().addAll(steps);
      return t;
    }
    return steps.isEmpty() ? source : new Hcl.Postfix(source, steps, start);
  }
}
