package io.holdfast.deploy.terraform;

import io.holdfast.deploy.terraform.Hcl.Attribute;
import io.holdfast.deploy.terraform.Hcl.Block;
import io.holdfast.deploy.terraform.Hcl.Body;
import io.holdfast.deploy.terraform.Hcl.Expr;
import io.holdfast.deploy.terraform.Hcl.Traversal;
import io.holdfast.deploy.terraform.TerraformModule.Problem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Checks that every name a module's expressions use is declared where Terraform looks for it:
 * var.X, local.X, module.M.O (an output of M's source directory), data.T.N and T.N, the
 * iterators of for-expressions and dynamic blocks, each.* under for_each, count.index under
 * count, and built-in functions; that counted blocks are indexed and single ones are not; that
 * module calls pass exactly their module's variables; and that nothing is declared in vain.
 * Which names are valid is decided here; how a traversal is resolved is {@link References}.
 */
final class ReferenceChecker {
  private static final Set<String> MODULE_META =
      Set.of("source", "version", "count", "for_each", "depends_on", "providers");

  /** What a block lets its expressions name besides the module's declarations. */
  record Scope(Set<String> names, boolean each, boolean count, boolean self, String owner) {
    static final Scope TOP = new Scope(Set.of(), false, false, false, null);

    Scope with(String... more) {
      Set<String> all = new HashSet<>(names);
      for (String name : more) {
        if (name != null) {
          all.add(name);
        }
      }
      return new Scope(all, each, count, self, owner);
    }

    Scope withSelf() {
      return new Scope(names, each, count, true, owner);
    }
  }

  final TerraformModule module;
  final List<Problem> problems = new ArrayList<>();
  final Set<String> usedVariables = new HashSet<>();
  final Set<String> usedLocals = new HashSet<>();
  /** The called modules' directories, loaded, by module call name (null: not checkable). */
  final Map<String, TerraformModule> children = new HashMap<>();
  private final References references = new References(this);

  private ReferenceChecker(TerraformModule module) {
    this.module = module;
  }

  /** The problems of {@code module}; {@code loader} loads (and caches) called modules. */
  static List<Problem> check(TerraformModule module, Function<Path, TerraformModule> loader) {
    ReferenceChecker checker = new ReferenceChecker(module);
    checker.problems.addAll(module.problems);
    module.modules.forEach((name, call) -> checker.children.put(name, checker.child(call,
        loader)));
    for (TerraformModule.File file : module.files) {
      for (Block block : file.body().blocks()) {
        checker.topLevel(block);
      }
    }
    checker.unused();
    return checker.problems;
  }

  /** The directory a module call's source names, loaded; null (with a problem) if none. */
  private TerraformModule child(Block call, Function<Path, TerraformModule> loader) {
    Attribute source = call.body().attribute("source");
    String path = source == null ? null : Hcl.literalString(source.value());
    if (path == null) {
      problem(call.pos(), "module \"" + call.label(0) + "\" needs source = \"./DIR\"");
      return null;
    }
    if (!path.startsWith("./") && !path.startsWith("../")) {
      problem(source.pos(), "module \"" + call.label(0) + "\" comes from " + path
          + ", outside this repository: its variables and outputs cannot be checked here");
      return null;
    }
    Path dir = module.dir.resolve(path).normalize();
    if (!Files.isDirectory(dir) || TerraformModule.list(dir, ".tf").isEmpty()) {
      problem(source.pos(), "module \"" + call.label(0) + "\": " + path
          + " is not a directory of .tf files");
      return null;
    }
    return loader.apply(dir);
  }

  private void topLevel(Block block) {
    switch (block.type()) {
      case "variable" -> variable(block);
      case "locals" -> block.body().attributes().forEach(a -> expr(a.value(), Scope.TOP));
      case "output", "provider" -> body(block.body(), Scope.TOP);
      case "resource" -> instances(block, block.label(0) + "." + block.label(1));
      case "data" -> instances(block, "data." + block.label(0) + "." + block.label(1));
      case "module" -> moduleCall(block);
      default -> { }
    }
  }

  private void variable(Block block) {
    String name = block.label(0);
    Attribute fallback = block.body().attribute("default");
    if (fallback != null) {
      Hcl.traversals(fallback.value(), t -> problem(t.pos(),
          "the default of variable " + name + " must be a constant, not " + t.root() + "..."));
    }
    boolean usedElsewhere = usedVariables.contains(name);
    for (Block validation : block.body().blocks("validation")) {
      body(validation.body(), Scope.TOP);
    }
    if (!usedElsewhere) {
      usedVariables.remove(name); // its own validation does not make a variable used
    }
  }

  /** A resource or data source: count or for_each, then its body with each/count in scope. */
  private void instances(Block block, String owner) {
    meta(block, owner);
    boolean each = block.body().attribute("for_each") != null;
    boolean count = block.body().attribute("count") != null;
    Scope inner = new Scope(Set.of(), each, count, false, owner);
    for (Attribute a : block.body().attributes()) {
      if (!a.name().equals("count") && !a.name().equals("for_each")
          && !a.name().equals("provider")) {
        attribute(a, inner);
      }
    }
    blocks(block.body(), inner);
  }

  /** count and for_each: not both, evaluated outside the instances, of a type that fits. */
  private void meta(Block block, String owner) {
    Attribute count = block.body().attribute("count");
    Attribute forEach = block.body().attribute("for_each");
    Scope outer = new Scope(Set.of(), false, false, false, owner);
    if (count != null && forEach != null) {
      problem(count.pos(), owner + " has both count and for_each");
    }
    if (count != null) {
      expr(count.value(), outer);
      if (count.value() instanceof Hcl.Tuple || count.value() instanceof Hcl.ObjectCons
          || count.value() instanceof Hcl.Template) {
        problem(count.pos(), "count of " + owner + " must be a whole number");
      }
    }
    if (forEach != null) {
      expr(forEach.value(), outer);
      forEachShape(forEach);
    }
  }

  /** for_each takes a map or a set: a list (literal, or a variable typed as one) is refused. */
  void forEachShape(Attribute forEach) {
    Expr value = forEach.value();
    String list = null;
    if (value instanceof Hcl.Tuple) {
      list = "a list";
    } else if (value instanceof Traversal t && t.root().equals("var") && !t.steps().isEmpty()
        && t.steps().get(0) instanceof Hcl.GetAttr attr) {
      Block declared = module.variables.get(attr.name());
      Attribute type = declared == null ? null : declared.body().attribute("type");
      if (type != null && type.value() instanceof Hcl.Call c
          && (c.name().equals("list") || c.name().equals("tuple"))) {
        list = "var." + attr.name() + ", a list,";
      }
    }
    if (list != null) {
      problem(forEach.pos(), "for_each takes a map or a set of strings, and " + list
          + " is neither: wrap it in toset()");
    }
  }

  private void moduleCall(Block block) {
    String name = block.label(0);
    meta(block, "module." + name);
    boolean each = block.body().attribute("for_each") != null;
    boolean count = block.body().attribute("count") != null;
    Scope scope = new Scope(Set.of(), each, count, false, "module." + name);
    TerraformModule child = children.get(name);
    Set<String> passed = new HashSet<>();
    for (Attribute a : block.body().attributes()) {
      if (a.name().equals("depends_on")) {
        attribute(a, scope);
      }
      if (MODULE_META.contains(a.name())) {
        continue;
      }
      passed.add(a.name());
      expr(a.value(), scope);
      if (child != null && !child.variables.containsKey(a.name())) {
        problem(a.pos(), "module \"" + name + "\" sets " + a.name() + ", but "
            + child.displayDir + " declares no variable " + a.name());
      }
    }
    if (child != null) {
      child.variables.forEach((variable, declared) -> {
        if (declared.body().attribute("default") == null && !passed.contains(variable)) {
          problem(block.pos(), "module \"" + name + "\" does not set " + variable + ", which "
              + child.displayDir + " requires (it has no default)");
        }
      });
    }
    blocks(block.body(), scope);
  }

  void body(Body body, Scope scope) {
    body.attributes().forEach(a -> attribute(a, scope));
    blocks(body, scope);
  }

  private void attribute(Attribute a, Scope scope) {
    if (a.name().equals("depends_on")) {
      references.dependsOn(a, scope);
    } else {
      expr(a.value(), scope);
    }
  }

  private void blocks(Body body, Scope scope) {
    for (Block b : body.blocks()) {
      switch (b.type()) {
        case "dynamic" -> dynamic(b, scope);
        case "lifecycle" -> references.lifecycle(b, scope);
        case "provisioner", "connection", "postcondition" -> body(b.body(), scope.withSelf());
        default -> body(b.body(), scope);
      }
    }
  }

  private void dynamic(Block block, Scope scope) {
    Attribute forEach = block.body().attribute("for_each");
    if (forEach == null) {
      problem(block.pos(), "dynamic \"" + block.label(0) + "\" needs for_each");
    } else {
      expr(forEach.value(), scope); // a dynamic block iterates lists too
    }
    Attribute iterator = block.body().attribute("iterator");
    String name = block.label(0);
    if (iterator != null && iterator.value() instanceof Traversal t && t.steps().isEmpty()) {
      name = t.root();
    }
    Scope inner = scope.with(name);
    for (Attribute a : block.body().attributes()) {
      if (!a.name().equals("for_each") && !a.name().equals("iterator")) {
        expr(a.value(), inner);
      }
    }
    if (block.body().blocks("content").size() != 1) {
      problem(block.pos(), "dynamic \"" + block.label(0) + "\" needs one content block");
    }
    blocks(block.body(), inner);
  }

  /** Checks every name inside {@code e}. */
  void expr(Expr e, Scope scope) {
    if (e instanceof Traversal t) {
      references.resolve(t, scope);
      Hcl.children(t, child -> expr(child, scope));
    } else if (e instanceof Hcl.For f) {
      expr(f.collection(), scope);
      Scope inner = scope.with(f.keyVar(), f.valueVar());
      for (Expr part : new Expr[] {f.key(), f.value(), f.condition()}) {
        if (part != null) {
          expr(part, inner);
        }
      }
    } else if (e instanceof Hcl.Call c) {
      if (!c.name().contains("::") && !TerraformFunctions.BUILT_IN.contains(c.name())) {
        problem(c.pos(), c.name() + "() is not a Terraform function");
      }
      c.args().forEach(arg -> expr(arg, scope));
    } else {
      Hcl.children(e, child -> expr(child, scope));
    }
  }

  private void unused() {
    module.variables.forEach((name, block) -> {
      if (!usedVariables.contains(name)) {
        problem(block.pos(), "variable " + name + " is declared but never used");
      }
    });
    module.locals.forEach((name, a) -> {
      if (!usedLocals.contains(name)) {
        problem(a.pos(), "local." + name + " is defined but never used");
      }
    });
  }

  void problem(Hcl.Pos pos, String message) {
    problems.add(new Problem(pos, message));
  }
}
