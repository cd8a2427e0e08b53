package io.holdfast.deploy.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.app.PlatformSettings;
import io.holdfast.deploy.terraform.Hcl.Block;
import io.holdfast.deploy.terraform.Hcl.Expr;
import io.holdfast.deploy.terraform.TerraformModule.Problem;
import io.holdfast.support.config.Setting;
import io.holdfast.testkit.Repository;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * terraform/ is never applied here (no terraform binary, no AWS account): it is parsed and
 * cross-checked instead, so a broken reference, an undeclared variable or a missing output
 * fails the build with the file and line to fix. What the Kubernetes overlay reads from it
 * (docs/aws.md) is checked against the launcher's catalogue of settings.
 */
@DisplayName("Terraform for AWS: every file parses, every reference resolves, the outputs the cluster reads exist")
class TerraformTest {
  /** Outputs the production overlay and docs/aws.md read (the contract between the parts). */
  static final Set<String> CONTRACT_OUTPUTS = Set.of("holdfast_settings",
      "service_account_role_arns", "secrets_manager_secret_arn", "eks_cluster_name", "region",
      "postgres_endpoint", "postgres_port", "postgres_database", "postgres_master_secret_arn",
      "redis_endpoint", "redis_port", "redis_auth_token_secret_arn", "external_secret_sources");

  /** Settings that carry a password or a key: they come from holdfast-secrets, never a map. */
  static final Set<String> SECRET_SETTINGS = Set.of("HOLDFAST_PG_URL", "HOLDFAST_REDIS_URL",
      "HOLDFAST_SMTP_URL", "HOLDFAST_PLATFORM_KEY", "HOLDFAST_STRIPE_SECRET_KEY",
      "HOLDFAST_STRIPE_WEBHOOK_SECRET");

  static TerraformTree tree;

  @BeforeAll
  static void load() {
    tree = new TerraformTree(Repository.root().resolve("terraform"));
  }

  @Test
  @DisplayName("every .tf and .tfvars file parses, and a failure names file:line:column")
  void everyFileParses() {
    List<String> errors = new ArrayList<>();
    List<Path> files = new ArrayList<>(tree.files(".tf"));
    files.addAll(tree.files(".tfvars"));
    for (Path file : files) {
      try {
        TerraformModule.parseFile(tree.root, file);
      } catch (HclScanner.SyntaxError e) {
        errors.add(e.getMessage());
      }
    }
    assertThat(files).as("files under terraform/").hasSizeGreaterThan(20);
    assertThat(errors).withFailMessage(() -> "files that do not parse:\n"
        + String.join("\n", errors)).isEmpty();
  }

  @Test
  @DisplayName("every var., local., module., data. and resource reference resolves in every module")
  void everyReferenceResolves() {
    assertNone("references that do not resolve", tree.referenceProblems());
  }

  @Test
  @DisplayName("every directory of terraform/ is the root or a module something calls")
  void everyModuleIsCalled() {
    Set<Path> called = new java.util.HashSet<>();
    called.add(tree.root);
    for (Path dir : tree.moduleDirs()) {
      for (Block call : tree.module(dir).modules.values()) {
        String source = Hcl.literalString(call.body().attribute("source").value());
        called.add(dir.resolve(source).normalize());
      }
    }
    assertThat(called).containsAll(tree.moduleDirs());
  }

  @Test
  @DisplayName("the environment files set only declared variables, to constants, and each one that has no default")
  void environmentFiles() {
    List<Path> files = tree.files(".tfvars");
    assertThat(files).extracting(f -> f.getFileName().toString())
        .contains("staging.tfvars", "production.tfvars");
    List<Problem> problems = new ArrayList<>();
    for (Path file : files) {
      String name = TerraformModule.display(tree.root, file);
      problems.addAll(TerraformRules.environmentFile(tree.rootModule(), name,
          TerraformModule.parseFile(tree.root, file)));
    }
    assertNone("environment files", problems);
  }

  @Test
  @DisplayName("no password, key or token is written in a .tf or .tfvars file")
  void noWrittenSecrets() {
    List<Problem> problems = new ArrayList<>();
    List<Path> files = new ArrayList<>(tree.files(".tf"));
    files.addAll(tree.files(".tfvars"));
    files.forEach(f -> problems.addAll(TerraformRules.writtenSecrets(
        TerraformModule.parseFile(tree.root, f))));
    assertNone("secrets written in files", problems);
  }

  @Test
  @DisplayName("every provider is pinned to a major version, and Terraform's own version is bounded")
  void versionsArePinned() {
    List<Problem> problems = new ArrayList<>();
    for (Path dir : tree.moduleDirs()) {
      problems.addAll(TerraformRules.pinnedVersions(tree.module(dir), dir.equals(tree.root)));
    }
    assertNone("unpinned versions", problems);
    Expr aws = tree.rootModule().requiredProviders().get("aws").value();
    assertThat(Hcl.literalString(TerraformRules.fields(aws).get("version"))).startsWith("~> 5.");
  }

  @Test
  @DisplayName("the root has every output the Kubernetes production overlay reads")
  void contractOutputs() {
    assertThat(tree.rootModule().outputs.keySet()).containsAll(CONTRACT_OUTPUTS);
  }

  @Test
  @DisplayName("holdfast_settings names only settings the launcher knows, and none that carries a secret")
  void settingsAreKnown() {
    Map<String, Expr> settings = holdfastSettings();
    Set<String> known = PlatformSettings.CATALOGUE.stream().map(Setting::variable)
        .collect(Collectors.toSet());
    assertThat(settings.keySet()).isNotEmpty().isSubsetOf(known)
        .contains("HOLDFAST_KAFKA_BOOTSTRAP", "HOLDFAST_PUBLIC_URL", "HOLDFAST_CLUSTER_NAME")
        .doesNotContainAnyElementsOf(SECRET_SETTINGS);
    assertThat(settings.get("HOLDFAST_PUBLIC_URL")).isInstanceOfSatisfying(Hcl.Template.class,
        url -> assertThat(url.parts().get(0)).isEqualTo("https://"));
  }

  @Test
  @DisplayName("HOLDFAST_KAFKA_BOOTSTRAP is MSK's TLS bootstrap string, through the kafka module's output")
  void kafkaBootstrapIsTls() {
    Expr source = Outputs.follow(tree, tree.rootModule(),
        holdfastSettings().get("HOLDFAST_KAFKA_BOOTSTRAP"));
    assertThat(source).isInstanceOfSatisfying(Hcl.Traversal.class, t -> {
      assertThat(t.root()).isEqualTo("aws_msk_cluster");
      assertThat(t.steps().get(t.steps().size() - 1))
          .isEqualTo(new Hcl.GetAttr("bootstrap_brokers_tls"));
    });
  }

  @Test
  @DisplayName("IRSA roles are made for the member, edge and worker roles and the External Secrets Operator")
  void serviceAccountRoles() {
    Expr accounts = tree.rootModule().locals.get("service_accounts").value();
    assertThat(TerraformRules.fields(accounts).keySet())
        .containsExactlyInAnyOrder("member", "edge", "worker", "external-secrets");
    Expr arns = tree.rootModule().outputs.get("service_account_role_arns").body()
        .attribute("value").value();
    assertThat(arns).isInstanceOfSatisfying(Hcl.Traversal.class,
        t -> assertThat(t.root()).isEqualTo("module"));
  }

  @Test
  @DisplayName("the data stores admit only the cluster's nodes, each on its own ports, and nothing admits the internet")
  void securityGroups() {
    assertThat(SecurityGroups.ingressPorts(tree.module(tree.root.resolve("modules/postgres"))))
        .containsExactly(5432);
    assertThat(SecurityGroups.ingressPorts(tree.module(tree.root.resolve("modules/redis"))))
        .containsExactly(6379);
    assertThat(SecurityGroups.ingressPorts(tree.module(tree.root.resolve("modules/kafka"))))
        .containsExactly(9094, 9098);
    List<Problem> problems = new ArrayList<>();
    tree.moduleDirs().forEach(d -> problems.addAll(SecurityGroups.openToWorld(tree.module(d))));
    assertNone("security groups", problems);
  }

  private static Map<String, Expr> holdfastSettings() {
    Block output = tree.rootModule().outputs.get("holdfast_settings");
    assertThat(output).as("output holdfast_settings").isNotNull();
    Expr value = Outputs.follow(tree, tree.rootModule(), output.body().attribute("value")
        .value());
    assertThat(value).as("holdfast_settings is an object written out, so its keys can be "
        + "checked").isInstanceOf(Hcl.ObjectCons.class);
    return TerraformRules.fields(value);
  }

  static void assertNone(String what, List<Problem> problems) {
    assertThat(problems).withFailMessage(() -> what + ":\n" + problems.stream()
        .map(Problem::toString).collect(Collectors.joining("\n"))).isEmpty();
  }
}
