package io.holdfast.deploy.terraform;

import io.holdfast.deploy.terraform.Hcl.Block;
import io.holdfast.deploy.terraform.Hcl.Expr;
import io.holdfast.deploy.terraform.Hcl.Traversal;

/** Follows a value through locals and module outputs to the expression that makes it. */
final class Outputs {
  private Outputs() {}

  /**
   * {@code local.X} becomes X's expression and {@code module.M.O} the value of output O in M's
   * directory, as far as they go; anything else is returned as it is.
   */
  static Expr follow(TerraformTree tree, TerraformModule module, Expr value) {
    if (!(value instanceof Traversal t) || t.steps().size() != (t.root().equals("module") ? 2
        : 1) || !t.steps().stream().allMatch(s -> s instanceof Hcl.GetAttr)) {
      return value;
    }
    String first = ((Hcl.GetAttr) t.steps().get(0)).name();
    if (t.root().equals("local") && module.locals.containsKey(first)) {
      return follow(tree, module, module.locals.get(first).value());
    }
    if (t.root().equals("module") && module.modules.containsKey(first)) {
      Block call = module.modules.get(first);
      String source = Hcl.literalString(call.body().attribute("source").value());
      TerraformModule child = tree.module(module.dir.resolve(source));
      Block output = child.outputs.get(((Hcl.GetAttr) t.steps().get(1)).name());
      return output == null ? value
          : follow(tree, child, output.body().attribute("value").value());
    }
    return value;
  }
}
