package io.holdfast.deploy.terraform;

import java.util.List;
import java.util.function.Consumer;

/**
 * The syntax tree of an HCL file (Terraform's native syntax), as {@link HclParser} makes it:
 * bodies of attributes and blocks, and expressions kept whole enough to find every reference
 * ({@link Traversal}) with the place it was written.
 */
final class Hcl {
  private Hcl() {}

  /** Where something was written: a file as the reader should see it, 1-based line and column. */
  record Pos(String file, int line, int column) {
    @Override
    public String toString() {
      return file + ":" + line + ":" + column;
    }
  }

  record Body(List<Attribute> attributes, List<Block> blocks) {
    Attribute attribute(String name) {
      return attributes.stream().filter(a -> a.name().equals(name)).findFirst().orElse(null);
    }

    List<Block> blocks(String type) {
      return blocks.stream().filter(b -> b.type().equals(type)).toList();
    }
  }

  record Attribute(String name, Expr value, Pos pos) {}

  record Block(String type, List<String> labels, Body body, Pos pos) {
    String label(int i) {
      return labels.size() > i ? labels.get(i) : "";
    }
  }

  /** An expression; {@link Hcl#children} visits the expressions directly inside it. */
  sealed interface Expr {
    Pos pos();
  }

  /** A number (as its source text), true, false or null. */
  record Literal(Object value, Pos pos) implements Expr {}

  /** A quoted string or heredoc: literal text (String) and interpolated {@link Expr}s. */
  record Template(List<Object> parts, Pos pos) implements Expr {
    boolean isLiteral() {
      return parts.stream().allMatch(p -> p instanceof String);
    }

    String literal() {
      StringBuilder text = new StringBuilder();
      parts.stream().filter(p -> p instanceof String).forEach(p -> text.append((String) p));
      return text.toString();
    }
  }

  /** A name and what follows it: {@code aws_subnet.public[*].id}, {@code var.region}. */
  record Traversal(String root, List<Step> steps, Pos pos) implements Expr {}

  /** Steps after something that is not a name: {@code (expr).id}, {@code f(x)[0]}. */
  record Postfix(Expr source, List<Step> steps, Pos pos) implements Expr {}

  sealed interface Step {}

  record GetAttr(String name) implements Step {}

  record Index(Expr key) implements Step {}

  /** {@code [*]} (full) or {@code .*} (attributes only). */
  record Splat(boolean full) implements Step {}

  record Call(String name, List<Expr> args, Pos pos) implements Expr {}

  record Tuple(List<Expr> items, Pos pos) implements Expr {}

  record ObjectCons(List<Item> items, Pos pos) implements Expr {}

  /** An object's item; a bare name as key is a {@link Template} of that name. */
  record Item(Expr key, Expr value) {}

  /** {@code [for k, v in coll : value if cond]} or {@code {for k, v in coll : key => value}}. */
  record For(String keyVar, String valueVar, Expr collection, Expr key, Expr value,
      Expr condition, Pos pos) implements Expr {}

  record Unary(String op, Expr operand, Pos pos) implements Expr {}

  record Binary(String op, Expr left, Expr right, Pos pos) implements Expr {}

  record Conditional(Expr condition, Expr then, Expr otherwise, Pos pos) implements Expr {}

  /** Visits the expressions directly inside {@code e} (index keys of steps included). */
  static void children(Expr e, Consumer<Expr> visit) {
    if (e instanceof Template t) {
      t.parts().stream().filter(p -> p instanceof Expr).forEach(p -> visit.accept((Expr) p));
    } else if (e instanceof Traversal t) {
      steps(t.steps(), visit);
    } else if (e instanceof Postfix p) {
      visit.accept(p.source());
      steps(p.steps(), visit);
    } else if (e instanceof Call c) {
      c.args().forEach(visit);
    } else if (e instanceof Tuple t) {
      t.items().forEach(visit);
    } else if (e instanceof ObjectCons o) {
      o.items().forEach(i -> {
        visit.accept(i.key());
        visit.accept(i.value());
      });
    } else if (e instanceof For f) {
      visit.accept(f.collection());
      for (Expr part : new Expr[] {f.key(), f.value(), f.condition()}) {
        if (part != null) {
          visit.accept(part);
        }
      }
    } else if (e instanceof Unary u) {
      visit.accept(u.operand());
    } else if (e instanceof Binary b) {
      visit.accept(b.left());
      visit.accept(b.right());
    } else if (e instanceof Conditional c) {
      visit.accept(c.condition());
      visit.accept(c.then());
      visit.accept(c.otherwise());
    }
  }

  private static void steps(List<Step> steps, Consumer<Expr> visit) {
    steps.stream().filter(s -> s instanceof Index).forEach(s -> visit.accept(((Index) s).key()));
  }

  /** Every traversal anywhere in {@code e}, for checks that need no scope. */
  static void traversals(Expr e, Consumer<Traversal> visit) {
    if (e instanceof Traversal t) {
      visit.accept(t);
    }
    children(e, child -> traversals(child, visit));
  }

  /** The text of a literal string, or null when {@code e} is anything else. */
  static String literalString(Expr e) {
    return e instanceof Template t && t.isLiteral() ? t.literal() : null;
  }
}
