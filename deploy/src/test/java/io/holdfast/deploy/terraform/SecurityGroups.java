package io.holdfast.deploy.terraform;

import io.holdfast.deploy.terraform.Hcl.Attribute;
import io.holdfast.deploy.terraform.Hcl.Block;
import io.holdfast.deploy.terraform.Hcl.Expr;
import io.holdfast.deploy.terraform.TerraformModule.Problem;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** What the security groups of a module let in, read from their ingress rules. */
final class SecurityGroups {
  private SecurityGroups() {}

  private static final Set<String> WORLD = Set.of("0.0.0.0/0", "::/0");

  /**
   * The ports a module's ingress rules open to another security group (each from_port..to_port,
   * with for_each's values for each.value); a rule open to addresses instead is a problem for
   * {@link #openToWorld}, and a port it cannot read is -1.
   */
  static Set<Integer> ingressPorts(TerraformModule module) {
    Set<Integer> ports = new TreeSet<>();
    for (Block rule : ingressRules(module)) {
      if (rule.body().attribute("referenced_security_group_id") == null) {
        ports.add(-1);
        continue;
      }
      List<Integer> from = numbers(rule, "from_port");
      List<Integer> to = numbers(rule, "to_port");
      if (from.size() != to.size()) {
        ports.add(-1);
        continue;
      }
      for (int i = 0; i < from.size(); i++) {
        for (int port = from.get(i); port <= to.get(i); port++) {
          ports.add(port);
        }
      }
    }
    return ports;
  }

  /** Rules or inline ingress blocks that admit any address of the internet. */
  static List<Problem> openToWorld(TerraformModule module) {
    List<Problem> problems = new ArrayList<>();
    for (Map.Entry<String, Block> entry : module.resources.entrySet()) {
      List<Block> ingress = new ArrayList<>(entry.getValue().body().blocks("ingress"));
      if (entry.getKey().startsWith("aws_vpc_security_group_ingress_rule.")
          || entry.getKey().startsWith("aws_security_group_rule.")) {
        ingress.add(entry.getValue());
      }
      for (Block rule : ingress) {
        for (Attribute a : rule.body().attributes()) {
          if (a.name().startsWith("cidr")) {
            Hcl.children(a.value(), e -> world(entry.getKey(), e, problems));
            world(entry.getKey(), a.value(), problems);
          }
        }
      }
    }
    return problems;
  }

  private static void world(String resource, Expr e, List<Problem> problems) {
    String text = Hcl.literalString(e);
    if (text != null && WORLD.contains(text)) {
      problems.add(new Problem(e.pos(), resource + " admits the whole internet (" + text + ")"));
    }
  }

  private static List<Block> ingressRules(TerraformModule module) {
    return module.resources.entrySet().stream()
        .filter(e -> e.getKey().startsWith("aws_vpc_security_group_ingress_rule."))
        .map(Map.Entry::getValue).toList();
  }

  /** A literal port, or each.value over a for_each object of literal ports. */
  private static List<Integer> numbers(Block rule, String name) {
    Attribute a = rule.body().attribute(name);
    if (a == null) {
      return List.of(-1);
    }
    if (a.value() instanceof Hcl.Literal l && l.value() instanceof BigDecimal n) {
      return List.of(n.intValueExact());
    }
    Attribute forEach = rule.body().attribute("for_each");
    if (a.value() instanceof Hcl.Traversal t && t.root().equals("each") && forEach != null
        && forEach.value() instanceof Hcl.ObjectCons o) {
      return o.items().stream().map(item -> item.value() instanceof Hcl.Literal l
          && l.value() instanceof BigDecimal n ? n.intValueExact() : -1).toList();
    }
    return List.of(-1);
  }
}
