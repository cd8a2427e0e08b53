package io.holdfast.deploy.terraform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.holdfast.deploy.terraform.Hcl.Block;
import io.holdfast.deploy.terraform.Hcl.Body;
import io.holdfast.deploy.terraform.Hcl.Expr;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("HCL parser: Terraform's syntax read into blocks, attributes and expressions")
class HclParserTest {
  @Test
  @DisplayName("blocks keep their labels and nesting, attributes their line")
  void blocksAndAttributes() {
    Body body = HclParser.parse("f.tf", """
        # a comment
        resource "aws_vpc" "this" {
          cidr_block = "10.0.0.0/16" // another
          /* a block
             comment */
          tags = {
            Name = "x"
          }
          lifecycle { prevent_destroy = true }
        }
        """);
    Block vpc = body.blocks().get(0);
    assertThat(vpc.labels()).containsExactly("aws_vpc", "this");
    assertThat(vpc.pos().line()).isEqualTo(2);
    assertThat(vpc.body().attribute("cidr_block").pos().toString()).isEqualTo("f.tf:3:3");
    assertThat(Hcl.literalString(vpc.body().attribute("cidr_block").value()))
        .isEqualTo("10.0.0.0/16");
    assertThat(TerraformRules.fields(vpc.body().attribute("tags").value())).containsOnlyKeys(
        "Name");
    assertThat(vpc.body().blocks("lifecycle").get(0).body().attribute("prevent_destroy"))
        .isNotNull();
  }

  @Test
  @DisplayName("interpolations, heredocs, escapes and directives are read, and their references found")
  void templates() {
    Body body = HclParser.parse("f.tf", """
        a = "https://${var.domain}/\\"$${literal}\\u00e9"
        b = <<-EOT
          num.partitions=${var.partitions}
          %{ if var.tls ~}ssl%{ else }plain%{ endif }
          EOT
        c = "x"
        """);
    assertThat(((Hcl.Template) body.attribute("a").value()).parts())
        .hasSize(3).element(2).isEqualTo("/\"${literal}é");
    assertThat(references(body.attribute("b").value())).containsExactly("var.partitions",
        "var.tls");
    assertThat(Hcl.literalString(body.attribute("c").value())).isEqualTo("x");
  }

  @Test
  @DisplayName("operators, conditionals, calls with expansion, for-expressions, splats and indexes")
  void expressions() {
    Body body = HclParser.parse("f.tf", """
        a = var.n % 3 == 0 && !var.off ? -1 : length(concat(local.x, [
          for s in aws_subnet.app[*].id : upper(s) if s != null
        ])...)
        b = { for k, v in data.aws_x.y[0].map : k => v... }
        c = aws_eip.nat[count.index].id
        d = module.m.out["key"].field.0
        e = provider::aws::arn_parse("x")
        """);
    assertThat(body.attribute("a").value()).isInstanceOf(Hcl.Conditional.class);
    assertThat(references(body.attribute("a").value())).containsExactly("var.n", "var.off",
        "local.x", "aws_subnet.app", "s", "s");
    assertThat(body.attribute("b").value()).isInstanceOfSatisfying(Hcl.For.class, f -> {
      assertThat(f.keyVar()).isEqualTo("k");
      assertThat(f.key()).isNotNull();
    });
    assertThat(references(body.attribute("c").value())).containsExactly("aws_eip.nat",
        "count.index");
    assertThat(((Hcl.Traversal) body.attribute("d").value()).steps()).hasSize(5);
    assertThat(body.attribute("e").value()).isInstanceOfSatisfying(Hcl.Call.class,
        c -> assertThat(c.name()).isEqualTo("provider::aws::arn_parse"));
  }

  @Test
  @DisplayName("what it cannot read fails with file:line:column and what it expected")
  void errors() {
    assertThatThrownBy(() -> HclParser.parse("f.tf", "a = 1\nb = [1, 2\nc = 3\n"))
        .hasMessage("f.tf:3:1: expected ',' or ']' in a list, found 'c'");
    assertThatThrownBy(() -> HclParser.parse("f.tf", "x {\n  a = 1\n"))
        .hasMessage("f.tf:3:1: a block is never closed: expected '}'");
    assertThatThrownBy(() -> HclParser.parse("f.tf", "a = 1 2\n"))
        .hasMessage("f.tf:1:7: expected a new line after this item, found '2'");
    assertThatThrownBy(() -> HclParser.parse("f.tf", "a = <<EOT\nnever closed\n"))
        .hasMessage("f.tf:1:5: heredoc <<EOT is never closed by a line EOT");
    assertThatThrownBy(() -> HclParser.parse("f.tf", "a = \"%{ for x in y }${x}%{ endfor }\"\n"))
        .hasMessageStartingWith("f.tf:1:9: %{for} in templates is not supported");
  }

  /** root.first-attribute of every traversal in {@code e}, in the order written. */
  private static List<String> references(Expr e) {
    List<String> names = new ArrayList<>();
    Hcl.traversals(e, t -> names.add(t.root() + (!t.steps().isEmpty()
        && t.steps().get(0) instanceof Hcl.GetAttr a ? "." + a.name() : "")));
    return names;
  }
}
