package io.holdfast.deploy.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checker on small broken trees: each mistake is reported once, at the file and line where
 * it was written, saying what was looked for and what is declared instead.
 */
@DisplayName("Terraform reference checks: a broken reference names its file and line")
class ReferenceCheckerTest {
  @TempDir
  Path temp;
  Path root;

  @BeforeEach
  void tree() throws IOException {
    root = Files.createDirectories(temp.resolve("tf"));
    write("modules/net/main.tf", """
        variable "cidr" {
          type = string
        }

        variable "zones" {
          type    = number
          default = 3
        }

        resource "aws_subnet" "app" {
          count      = var.zones
          cidr_block = cidrsubnet(var.cidr, 4, count.index)
        }

        output "subnet_ids" {
          value = aws_subnet.app[*].id
        }
        """);
  }

  @Test
  @DisplayName("a sound tree, with iterators of for-expressions and dynamic blocks, has no problem")
  void soundTree() throws IOException {
    write("main.tf", """
        variable "region" {
          type = string
        }

        locals {
          names = { for i, id in module.net.subnet_ids : id => "app-${i}" if id != "" }
        }

        module "net" {
          source = "./modules/net"
          cidr   = "10.0.0.0/16"
        }

        resource "aws_security_group" "db" {
          for_each = local.names
          name     = "${var.region}-${each.key}"

          dynamic "ingress" {
            for_each = [5432]
            content {
              from_port = ingress.value
            }
          }
        }

        output "groups" {
          value = [for key, group in aws_security_group.db : group.id]
        }
        """);
    assertThat(problems()).isEmpty();
  }

  @Test
  @DisplayName("an undeclared variable or local is reported at its line, with the names declared")
  void undeclaredNames() throws IOException {
    write("main.tf", """
        variable "region" {
          type = string
        }

        output "where" {
          value = "${var.regoin}/${local.zone}"
        }
        """);
    assertThat(problems()).containsExactly(
        "tf/main.tf:6:14: var.regoin is not declared: no variable regoin in tf "
            + "(declared: region)",
        "tf/main.tf:6:28: local.zone is not declared: no local zone in tf",
        "tf/main.tf:1:1: variable region is declared but never used");
  }

  @Test
  @DisplayName("a module output its source directory does not declare is reported")
  void missingModuleOutput() throws IOException {
    write("main.tf", """
        module "net" {
          source = "./modules/net"
          cidr   = "10.0.0.0/16"
        }

        output "vpc" {
          value = module.net.vpc_id
        }

        output "other" {
          value = module.network.subnet_ids
        }
        """);
    assertThat(problems()).containsExactly(
        "tf/main.tf:7:11: module.net.vpc_id: tf/modules/net has no output vpc_id "
            + "(declared: subnet_ids)",
        "tf/main.tf:11:11: module.network: no module \"network\" is called in tf "
            + "(declared: net)");
  }

  @Test
  @DisplayName("a module call that sets an unknown variable or misses a required one is reported")
  void moduleArguments() throws IOException {
    write("main.tf", """
        module "net" {
          source = "./modules/net"
          cdir   = "10.0.0.0/16"
        }
        """);
    assertThat(problems()).containsExactly(
        "tf/main.tf:3:3: module \"net\" sets cdir, but tf/modules/net declares no variable cdir",
        "tf/main.tf:1:1: module \"net\" does not set cidr, which tf/modules/net requires "
            + "(it has no default)");
  }

  @Test
  @DisplayName("resources: undeclared, counted but not indexed, single but indexed, or naming themselves")
  void resources() throws IOException {
    write("main.tf", """
        resource "aws_eip" "nat" {
          count = 2
        }

        resource "aws_vpc" "this" {
          cidr_block = "10.0.0.0/16"
          tags       = { Name = aws_vpc.this.id }
        }

        resource "aws_nat_gateway" "this" {
          allocation_id = aws_eip.nat.id
          vpc           = aws_vpc.this[0].id
          subnet_id     = aws_subnet.public[0].id
          other         = aws_eip.nats[0].id
        }
        """);
    assertThat(problems()).containsExactly(
        "tf/main.tf:7:25: aws_vpc.this refers to itself",
        "tf/main.tf:11:19: aws_eip.nat has count: pick an instance (aws_eip.nat[...]) or all of "
            + "them (aws_eip.nat[*]) before .id",
        "tf/main.tf:12:19: aws_vpc.this has neither count nor for_each: it is one object, not "
            + "a list",
        "tf/main.tf:13:19: resource aws_subnet.public is not declared in tf",
        "tf/main.tf:14:19: resource aws_eip.nats is not declared in tf (declared: aws_eip.nat)");
  }

  @Test
  @DisplayName("each and count outside their blocks, for_each over a list, and unknown functions are reported")
  void metaArguments() throws IOException {
    write("main.tf", """
        resource "aws_iam_role" "a" {
          for_each = ["member", "edge"]
          name     = each.key
        }

        resource "aws_iam_role" "b" {
          name = "${each.value}-${count.index}"
          tags = tomapp({})
        }

        data "aws_iam_policy_document" "c" {}

        output "c" {
          value = [data.aws_iam_policy_document.c.json, data.aws_iam_policy_document.d.json]
        }
        """);
    assertThat(problems()).containsExactly(
        "tf/main.tf:2:3: for_each takes a map or a set of strings, and a list is neither: "
            + "wrap it in toset()",
        "tf/main.tf:7:13: each.value is used outside a block with for_each",
        "tf/main.tf:7:27: count.index is used outside a block with count",
        "tf/main.tf:8:10: tomapp() is not a Terraform function",
        "tf/main.tf:14:49: data.aws_iam_policy_document.d is not declared in tf "
            + "(declared: aws_iam_policy_document.c)");
  }

  @Test
  @DisplayName("a file that does not parse fails with its file, line and column")
  void syntaxError() throws IOException {
    write("main.tf", """
        resource "aws_vpc" "this" {
          cidr_block = "10.0.0.0/16
        }
        """);
    TerraformTree tree = new TerraformTree(root);
    try {
      tree.referenceProblems();
      throw new AssertionError("no syntax error");
    } catch (HclScanner.SyntaxError e) {
      assertThat(e.getMessage())
          .isEqualTo("tf/main.tf:2:16: a string is never closed: expected '\"'");
    }
  }

  @Test
  @DisplayName("environment files: undeclared variables, references and missing required values")
  void environmentFiles() throws IOException {
    write("main.tf", """
        variable "domain" {
          type = string
        }

        variable "size" {
          type    = number
          default = 1
        }
        """);
    write("prod.tfvars", """
        sise = 2
        size = var.domain
        """);
    TerraformTree tree = new TerraformTree(root);
    List<String> problems = TerraformRules.environmentFile(tree.rootModule(), "tf/prod.tfvars",
        TerraformModule.parseFile(root, root.resolve("prod.tfvars"))).stream()
        .map(Object::toString).toList();
    assertThat(problems).containsExactly(
        "tf/prod.tfvars:1:1: sise is not a variable of tf (see its variables.tf)",
        "tf/prod.tfvars:2:8: a .tfvars value is a constant; var... is a reference",
        "tf/prod.tfvars:1:1: tf/prod.tfvars does not set domain, which has no default");
  }

  @Test
  @DisplayName("written secrets and unpinned providers are reported")
  void secretsAndVersions() throws IOException {
    write("main.tf", """
        terraform {
          required_version = ">= 1.9"
          required_providers {
            aws = {
              source  = "hashicorp/aws"
              version = ">= 5.0"
            }
          }
        }

        variable "db_password" {
          type = string
        }

        resource "aws_db_instance" "this" {
          password = "hunter2hunter2"
          username = var.db_password
          tags     = { stripe = "sk_live_0123456789abcdef", secret_arn = "arn:aws:x" }
        }

        resource "random_id" "x" {}
        """);
    TerraformTree tree = new TerraformTree(root);
    assertThat(TerraformRules.writtenSecrets(TerraformModule.parseFile(root,
        root.resolve("main.tf")))).extracting(Object::toString).containsExactly(
        "tf/main.tf:11:1: variable db_password would carry a secret through Terraform's "
            + "variables: keep it in Secrets Manager",
        "tf/main.tf:16:3: password is set to a literal string: a secret must not be written "
            + "in a file (put it in Secrets Manager)",
        "tf/main.tf:18:25: this string holds what looks like a key or a certificate's private "
            + "half: secrets are never written in a file");
    assertThat(TerraformRules.pinnedVersions(tree.rootModule(), true))
        .extracting(Object::toString).containsExactly(
            "tf/main.tf:4:5: provider aws is not pinned: version = \">= 5.0\" has no upper "
                + "bound (use ~> MAJOR.MINOR)",
            "tf/main.tf:21:1: random_id needs provider random, which tf does not list in "
                + "required_providers",
            "tf/main.tf:2:3: the root module must bound Terraform's required_version");
  }

  private void write(String name, String text) throws IOException {
    Path file = root.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  /** Problems of the root module only (the fixture module is sound on its own). */
  private List<String> problems() {
    TerraformTree tree = new TerraformTree(root);
    return ReferenceChecker.check(tree.rootModule(), tree::module).stream()
        .map(Object::toString).toList();
  }
}
