package io.holdfast.deploy.terraform;

import io.holdfast.deploy.terraform.Hcl.Expr;
import io.holdfast.deploy.terraform.Hcl.Pos;
import java.util.ArrayList;
import java.util.List;

/**
 * Lists, objects and for-expressions, on the parser's text. Inside a list or a for-expression
 * new lines are white space; inside an object they separate items, as commas do.
 */
final class HclCollections {
  private HclCollections() {}

  /** At '{': an object, or a for-expression making one. */
  static Expr object(HclParser p) {
    Pos start = p.here();
    p.pos++;
    int saved = p.nested;
    p.nested = 0;
    p.skipSpace(true);
    if (p.keyword("for")) {
      p.nested = 1;
      Expr f = forExpression(p, start, '}');
      p.nested = saved;
      return f;
    }
    List<Hcl.Item> items = new ArrayList<>();
    while (true) {
      p.skipSpace(true);
      if (p.peek() == '}') {
        p.pos++;
        break;
      }
      Expr key = key(p);
      p.skipSpace(false);
      if ((p.peek() == '=' && p.peek(1) != '=' && p.peek(1) != '>') || p.peek() == ':') {
        p.pos++;
      } else {
        throw p.error("expected '=' or ':' after an object's key, found " + p.describe());
      }
      p.skipSpace(false);
      items.add(new Hcl.Item(key, p.expression()));
      p.skipSpace(false);
      if (p.peek() == ',') {
        p.pos++;
      } else if (p.peek() != '\n' && p.peek() != '}') {
        throw p.error("expected ',' or a new line after an object's item, found "
            + p.describe());
      }
    }
    p.nested = saved;
    return new Hcl.ObjectCons(items, start);
  }

  /** At '[': a list, or a for-expression making one. */
  static Expr tuple(HclParser p) {
    Pos start = p.here();
    p.pos++;
    p.nested++;
    p.skipSpace(true);
    if (p.keyword("for")) {
      Expr f = forExpression(p, start, ']');
      p.nested--;
      return f;
    }
    List<Expr> items = new ArrayList<>();
    while (p.peek() != ']') {
      items.add(p.expression());
      p.skipSpace(true);
      if (p.peek() == ',') {
        p.pos++;
        p.skipSpace(true);
      } else if (p.peek() != ']') {
        throw p.error("expected ',' or ']' in a list, found " + p.describe());
      }
    }
    p.pos++;
    p.nested--;
    return new Hcl.Tuple(items, start);
  }

  /** A bare name is the key itself (a string), anything else an expression giving the key. */
  private static Expr key(HclParser p) {
    Expr key = p.expression();
    if (key instanceof Hcl.Traversal t && t.steps().isEmpty()) {
      return new Hcl.Template(List.of(t.root()), t.pos());
    }
    return key;
  }

  /** At "for", inside '[' or '{' (already read), up to and including {@code close}. */
  static Expr forExpression(HclParser p, Pos start, char close) {
    p.pos += 3;
    p.skipSpace(true);
    String first = name(p);
    p.skipSpace(true);
    String second = null;
    if (p.peek() == ',') {
      p.pos++;
      p.skipSpace(true);
      second = name(p);
      p.skipSpace(true);
    }
    if (!p.keyword("in")) {
      throw p.error("expected 'in' in a for-expression, found " + p.describe());
    }
    p.pos += 2;
    p.skipSpace(true);
    Expr collection = p.expression();
    p.skipSpace(true);
    p.expect(':', "after a for-expression's collection");
    p.skipSpace(true);
    Expr key = null;
    Expr value = p.expression();
    p.skipSpace(true);
    if (close == '}') {
      if (!p.lookingAt("=>")) {
        throw p.error("expected '=>' between the key and the value of a for-expression "
            + "making an object, found " + p.describe());
      }
      p.pos += 2;
      p.skipSpace(true);
      key = value;
      value = p.expression();
      p.skipSpace(true);
      if (p.lookingAt("...")) {
        p.pos += 3;
        p.skipSpace(true);
      }
    }
    Expr condition = null;
    if (p.keyword("if")) {
      p.pos += 2;
      p.skipSpace(true);
      condition = p.expression();
      p.skipSpace(true);
    }
    p.expect(close, "to close the for-expression");
    String keyVar = second == null ? null : first;
    String valueVar = second == null ? first : second;
    return new Hcl.For(keyVar, valueVar, collection, key, value, condition, start);
  }

  private static String name(HclParser p) {
    String name = p.identifier();
    if (name == null) {
      throw p.error("expected a variable name in a for-expression, found " + p.describe());
    }
    return name;
  }
}
