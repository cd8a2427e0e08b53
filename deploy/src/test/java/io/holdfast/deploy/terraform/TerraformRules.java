package io.holdfast.deploy.terraform;

import io.holdfast.deploy.terraform.Hcl.Attribute;
import io.holdfast.deploy.terraform.Hcl.Block;
import io.holdfast.deploy.terraform.Hcl.Body;
import io.holdfast.deploy.terraform.Hcl.Expr;
import io.holdfast.deploy.terraform.TerraformModule.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Rules beyond references: pinned versions, no secret written in a file, and environment files
 * (.tfvars) that only set declared variables to constants.
 */
final class TerraformRules {
  private TerraformRules() {}

  /** Words of a name (split at _ and -) that mean its value is a secret. */
  private static final Set<String> SECRET_WORDS = Set.of("password", "passwd", "secret",
      "token", "passphrase", "credential", "credentials");

  /** Pairs of words that do too: a private_key, an access_key, an api_key... */
  private static final Set<String> KEY_KINDS = Set.of("private", "access", "api", "secret",
      "signing", "webhook", "platform");

  /** Last words of names that name or point to a secret rather than hold it. */
  private static final Set<String> POINTERS = Set.of("id", "ids", "arn", "arns", "name",
      "names", "version", "strategy", "file", "path", "length", "rotation");

  /** Starts of words that are keys whatever they are assigned to (Stripe, Slack, GitHub). */
  private static final List<String> KEY_PREFIXES = List.of("sk_live_", "sk_test_", "rk_live_",
      "rk_test_", "whsec_", "xoxb-", "ghp_");

  /**
   * Every provider a module uses is in its required_providers with a source and a version
   * bounded above (~>, =, or <); the root also bounds Terraform's own version.
   */
  static List<Problem> pinnedVersions(TerraformModule module, boolean root) {
    List<Problem> problems = new ArrayList<>();
    Map<String, Attribute> required = module.requiredProviders();
    for (Map.Entry<String, Attribute> entry : required.entrySet()) {
      Attribute a = entry.getValue();
      Map<String, Expr> fields = fields(a.value());
      if (Hcl.literalString(fields.get("source")) == null) {
        problems.add(new Problem(a.pos(), "provider " + entry.getKey() + " has no source"));
      }
      String version = Hcl.literalString(fields.get("version"));
      if (!bounded(version)) {
        problems.add(new Problem(a.pos(), "provider " + entry.getKey() + " is not pinned: "
            + "version = \"" + version + "\" has no upper bound (use ~> MAJOR.MINOR)"));
      }
    }
    Set<String> types = new java.util.TreeSet<>();
    module.resources.keySet().forEach(k -> types.add(k.substring(0, k.indexOf('.'))));
    module.data.keySet().forEach(k -> types.add(k.substring(0, k.indexOf('.'))));
    for (String type : types) {
      String provider = type.substring(0, type.indexOf('_'));
      if (!provider.equals("terraform") && !required.containsKey(provider)) {
        problems.add(new Problem(firstUse(module, type), type + " needs provider " + provider
            + ", which " + module.displayDir + " does not list in required_providers"));
      }
    }
    if (root) {
      Attribute version = module.terraformBlocks.stream()
          .map(b -> b.body().attribute("required_version")).filter(v -> v != null)
          .findFirst().orElse(null);
      if (version == null || !bounded(Hcl.literalString(version.value()))) {
        problems.add(new Problem(version == null ? new Hcl.Pos(module.displayDir, 0, 0)
            : version.pos(), "the root module must bound Terraform's required_version"));
      }
    }
    return problems;
  }

  private static boolean bounded(String constraint) {
    if (constraint == null || constraint.isBlank()) {
      return false;
    }
    for (String part : constraint.split(",")) {
      String p = part.strip();
      if (p.startsWith("~>") || p.startsWith("<") || p.startsWith("=")
          || Character.isDigit(p.charAt(0))) {
        return true;
      }
    }
    return false;
  }

  private static Hcl.Pos firstUse(TerraformModule module, String type) {
    return module.resources.entrySet().stream().filter(e -> e.getKey().startsWith(type + "."))
        .map(e -> e.getValue().pos()).findFirst()
        .orElseGet(() -> module.data.get(module.data.keySet().stream()
            .filter(k -> k.startsWith(type + ".")).findFirst().orElseThrow()).pos());
  }

  /**
   * Literal values that look like secrets: a non-empty string assigned to a secret-sounding
   * name (in a block, an object or a .tfvars file), a string that starts like a known kind of
   * key, or a variable named like a secret (secrets go to Secrets Manager, not variables).
   */
  static List<Problem> writtenSecrets(Body body) {
    List<Problem> problems = new ArrayList<>();
    secrets(body, problems);
    return problems;
  }

  private static void secrets(Body body, List<Problem> problems) {
    for (Attribute a : body.attributes()) {
      named(a.name(), a.value(), a.pos(), problems);
      values(a.value(), problems);
    }
    for (Block block : body.blocks()) {
      if (block.type().equals("variable") && secretName(block.label(0))) {
        problems.add(new Problem(block.pos(), "variable " + block.label(0) + " would carry a "
            + "secret through Terraform's variables: keep it in Secrets Manager"));
      }
      secrets(block.body(), problems);
    }
  }

  private static void named(String name, Expr value, Hcl.Pos pos, List<Problem> problems) {
    String text = Hcl.literalString(value);
    if (secretName(name) && text != null && !text.isEmpty()) {
      problems.add(new Problem(pos, name + " is set to a literal string: a secret must not be "
          + "written in a file (put it in Secrets Manager)"));
    }
  }

  private static void values(Expr value, List<Problem> problems) {
    if (value instanceof Hcl.Template t) {
      for (Object part : t.parts()) {
        if (part instanceof String s && looksLikeKey(s)) {
          problems.add(new Problem(t.pos(), "this string holds what looks like a key or a "
              + "certificate's private half: secrets are never written in a file"));
        }
      }
    }
    if (value instanceof Hcl.ObjectCons o) {
      for (Hcl.Item item : o.items()) {
        String key = Hcl.literalString(item.key());
        if (key != null) {
          named(key, item.value(), item.value().pos(), problems);
        }
      }
    }
    Hcl.children(value, child -> values(child, problems));
  }

  /** A PEM private key, an AWS access key ID, or a word starting like a service's key. */
  static boolean looksLikeKey(String text) {
    if (text.contains("PRIVATE KEY-----")) {
      return true;
    }
    for (String word : text.split("[\\s\"'=:,]+")) {
      if ((word.startsWith("AKIA") || word.startsWith("ASIA")) && word.length() == 20
          && word.chars().allMatch(c -> Character.isUpperCase(c) || Character.isDigit(c))) {
        return true;
      }
      for (String prefix : KEY_PREFIXES) {
        if (word.startsWith(prefix) && word.length() > prefix.length() + 8) {
          return true;
        }
      }
    }
    return false;
  }

  /** Whether a name says its value is a secret: master_password, auth_token, api_key... */
  static boolean secretName(String name) {
    List<String> words = List.of(name.toLowerCase(Locale.ROOT).split("[_-]+"));
    if (words.isEmpty() || POINTERS.contains(words.get(words.size() - 1))) {
      return false;
    }
    for (int i = 0; i < words.size(); i++) {
      if (SECRET_WORDS.contains(words.get(i)) || (words.get(i).equals("key") && i > 0
          && KEY_KINDS.contains(words.get(i - 1)))) {
        return true;
      }
    }
    return false;
  }

  /**
   * An environment file sets declared root variables to constants (no references, no calls),
   * holds no block, and sets every variable that has no default.
   */
  static List<Problem> environmentFile(TerraformModule root, String file, Body body) {
    List<Problem> problems = new ArrayList<>();
    for (Block block : body.blocks()) {
      problems.add(new Problem(block.pos(), "a .tfvars file sets variables; it holds no "
          + block.type() + " block"));
    }
    Set<String> set = new java.util.HashSet<>();
    for (Attribute a : body.attributes()) {
      set.add(a.name());
      if (!root.variables.containsKey(a.name())) {
        problems.add(new Problem(a.pos(), a.name() + " is not a variable of "
            + root.displayDir + " (see its variables.tf)"));
      }
      Hcl.traversals(a.value(), t -> problems.add(new Problem(t.pos(),
          "a .tfvars value is a constant; " + t.root() + "... is a reference")));
      constants(a.value(), problems);
    }
    root.variables.forEach((name, declared) -> {
      if (declared.body().attribute("default") == null && !set.contains(name)) {
        problems.add(new Problem(new Hcl.Pos(file, 1, 1), file + " does not set " + name
            + ", which has no default"));
      }
    });
    return problems;
  }

  private static void constants(Expr value, List<Problem> problems) {
    if (value instanceof Hcl.Call c) {
      problems.add(new Problem(c.pos(), "a .tfvars value is a constant, not a call of "
          + c.name() + "()"));
    }
    Hcl.children(value, child -> constants(child, problems));
  }

  /** The attributes of an object constructor with literal keys, by key. */
  static Map<String, Expr> fields(Expr value) {
    Map<String, Expr> fields = new java.util.LinkedHashMap<>();
    if (value instanceof Hcl.ObjectCons o) {
      for (Hcl.Item item : o.items()) {
        String key = Hcl.literalString(item.key());
        if (key != null) {
          fields.put(key, item.value());
        }
      }
    }
    return fields;
  }
}
