package io.holdfast.deploy.terraform;

import io.holdfast.deploy.terraform.Hcl.Attribute;
import io.holdfast.deploy.terraform.Hcl.Block;
import io.holdfast.deploy.terraform.Hcl.Step;
import io.holdfast.deploy.terraform.Hcl.Traversal;
import io.holdfast.deploy.terraform.ReferenceChecker.Scope;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Resolves one traversal against a module's declarations for {@link ReferenceChecker}, and
 * says in each problem what was looked for, where, and what is there instead.
 */
final class References {
  private final ReferenceChecker checker;

  References(ReferenceChecker checker) {
    this.checker = checker;
  }

  void resolve(Traversal t, Scope scope) {
    String root = t.root();
    if (scope.names().contains(root)) {
      return;
    }
    List<Step> steps = t.steps();
    String first = name(steps, 0);
    TerraformModule module = checker.module;
    switch (root) {
      case "var" -> {
        if (declared(t, "var", first, module.variables.keySet(), "variable")) {
          checker.usedVariables.add(first);
        }
      }
      case "local" -> {
        if (declared(t, "local", first, module.locals.keySet(), "local")) {
          checker.usedLocals.add(first);
        }
      }
      case "each" -> {
        if (!scope.each()) {
          problem(t, "each." + first + " is used outside a block with for_each");
        } else if (!"key".equals(first) && !"value".equals(first)) {
          problem(t, "each has .key and .value only, not ." + first);
        }
      }
      case "count" -> {
        if (!scope.count()) {
          problem(t, "count." + first + " is used outside a block with count");
        } else if (!"index".equals(first)) {
          problem(t, "count has .index only, not ." + first);
        }
      }
      case "self" -> {
        if (!scope.self()) {
          problem(t, "self is only valid in provisioners, connections and postconditions");
        }
      }
      case "path" -> known(t, first, Set.of("module", "root", "cwd"));
      case "terraform" -> known(t, first, Set.of("workspace", "applying"));
      case "module" -> module(t, first, scope);
      case "data" -> {
        String key = first + "." + name(steps, 1);
        Block target = module.data.get(key);
        if (first == null || name(steps, 1) == null) {
          problem(t, "a data source is named data.TYPE.NAME");
        } else if (target == null) {
          problem(t, "data." + key + " is not declared in " + module.displayDir
              + alternatives(module.data.keySet(), first + "."));
        } else {
          notItself(t, "data." + key, scope);
          instances(t, target, "data." + key, steps.subList(2, steps.size()));
        }
      }
      default -> resource(t, first, scope);
    }
  }

  private void resource(Traversal t, String name, Scope scope) {
    String type = t.root();
    TerraformModule module = checker.module;
    if (!type.contains("_")) {
      problem(t, "unknown name " + type + ": not a variable, local, iterator or resource type");
      return;
    }
    if (name == null) {
      problem(t, type + " alone is no reference: a resource is named " + type + ".NAME");
      return;
    }
    String key = type + "." + name;
    Block target = module.resources.get(key);
    if (target == null) {
      problem(t, "resource " + key + " is not declared in " + module.displayDir
          + alternatives(module.resources.keySet(), type + "."));
      return;
    }
    notItself(t, key, scope);
    instances(t, target, key, t.steps().subList(1, t.steps().size()));
  }

  private void module(Traversal t, String name, Scope scope) {
    TerraformModule module = checker.module;
    Block call = name == null ? null : module.modules.get(name);
    if (call == null) {
      problem(t, "module." + name + ": no module \"" + name + "\" is called in "
          + module.displayDir + alternatives(module.modules.keySet(), ""));
      return;
    }
    notItself(t, "module." + name, scope);
    List<Step> rest = instances(t, call, "module." + name,
        t.steps().subList(1, t.steps().size()));
    if (!rest.isEmpty() && rest.get(0) instanceof Hcl.Splat) {
      rest = rest.subList(1, rest.size());
    }
    String output = name(rest, 0);
    TerraformModule child = checker.children.get(name);
    if (output != null && child != null && !child.outputs.containsKey(output)) {
      problem(t, "module." + name + "." + output + ": " + child.displayDir
          + " has no output " + output + alternatives(child.outputs.keySet(), ""));
    }
  }

  /**
   * Checks how a block's instances are picked; returns the steps after the pick. A block with
   * count or for_each is a collection (index it or splat it); one without is a single object.
   */
  private List<Step> instances(Traversal t, Block target, String what, List<Step> rest) {
    if (rest.isEmpty()) {
      return rest;
    }
    Step first = rest.get(0);
    boolean forEach = TerraformModule.forEach(target);
    if (!TerraformModule.counted(target)) {
      if (first instanceof Hcl.Index) {
        problem(t, what + " has neither count nor for_each: it is one object, not a list");
      }
      return rest;
    }
    if (first instanceof Hcl.GetAttr attr) {
      problem(t, what + " has " + (forEach ? "for_each" : "count") + ": pick an instance ("
          + what + "[...]) or all of them (" + what + "[*]) before ." + attr.name());
      return rest;
    }
    if (first instanceof Hcl.Index index) {
      if (forEach && index.key() instanceof Hcl.Literal l && l.value() != null) {
        problem(t, what + " has for_each: its instances are keyed by strings, not [" + l.value()
            + "]");
      }
      String key = Hcl.literalString(index.key());
      if (!forEach && key != null) {
        problem(t, what + " has count: its instances are numbered, not keyed by \"" + key
            + "\"");
      }
    }
    return rest.subList(1, rest.size());
  }

  /** depends_on lists resources, data sources and modules, by name only. */
  void dependsOn(Attribute a, Scope scope) {
    if (!(a.value() instanceof Hcl.Tuple list)) {
      checker.problem(a.pos(), "depends_on takes a list");
      return;
    }
    for (Hcl.Expr item : list.items()) {
      if (item instanceof Traversal t && !Set.of("var", "local", "each", "count", "self")
          .contains(t.root())) {
        resolve(t, scope);
      } else {
        checker.problem(item.pos(), "depends_on lists resources, data sources or modules");
      }
    }
  }

  /** ignore_changes names the block's own arguments, not references: it is not resolved. */
  void lifecycle(Block block, Scope scope) {
    for (Attribute a : block.body().attributes()) {
      if (!a.name().equals("ignore_changes")) {
        checker.expr(a.value(), scope);
      }
    }
    for (Block condition : block.body().blocks()) {
      checker.body(condition.body(),
          condition.type().equals("postcondition") ? scope.withSelf() : scope);
    }
  }

  private boolean declared(Traversal t, String kind, String name, Set<String> names,
      String what) {
    if (name == null) {
      problem(t, kind + " must be followed by .NAME");
      return false;
    }
    if (!names.contains(name)) {
      problem(t, kind + "." + name + " is not declared: no " + what + " " + name + " in "
          + checker.module.displayDir + alternatives(names, ""));
      return false;
    }
    return true;
  }

  private void known(Traversal t, String name, Set<String> names) {
    if (!names.contains(name)) {
      problem(t, t.root() + "." + name + " does not exist (" + String.join(", ",
          new TreeSet<>(names)) + ")");
    }
  }

  private void notItself(Traversal t, String key, Scope scope) {
    if (key.equals(scope.owner())) {
      problem(t, key + " refers to itself");
    }
  }

  private static String name(List<Step> steps, int i) {
    return steps.size() > i && steps.get(i) instanceof Hcl.GetAttr a ? a.name() : null;
  }

  /** " (there is: a, b)" for the names starting with {@code prefix}, or nothing. */
  private static String alternatives(Set<String> names, String prefix) {
    Set<String> near = new TreeSet<>();
    names.stream().filter(n -> n.startsWith(prefix)).forEach(near::add);
    return near.isEmpty() ? "" : " (declared: " + String.join(", ", near) + ")";
  }

  private void problem(Traversal t, String message) {
    checker.problem(t.pos(), message);
  }
}
