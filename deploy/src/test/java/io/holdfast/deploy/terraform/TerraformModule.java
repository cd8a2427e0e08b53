package io.holdfast.deploy.terraform;

import io.holdfast.deploy.terraform.Hcl.Attribute;
import io.holdfast.deploy.terraform.Hcl.Block;
import io.holdfast.deploy.terraform.Hcl.Body;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One Terraform module: the .tf files of one directory, parsed, and what they declare by name
 * (variables, locals, outputs, module calls, resources and data sources as "TYPE.NAME").
 * Declaring a name twice is a {@link Problem}, as Terraform would refuse it.
 */
final class TerraformModule {
  /** Something wrong at a place: printed as file:line:column: message. */
  record Problem(Hcl.Pos pos, String message) {
    @Override
    public String toString() {
      return pos + ": " + message;
    }
  }

  /** A parsed file and the name it is shown by (relative to the checked tree's root). */
  record File(String name, Body body) {}

  final Path dir;
  final String displayDir;
  final List<File> files = new ArrayList<>();
  final Map<String, Block> variables = new LinkedHashMap<>();
  final Map<String, Attribute> locals = new LinkedHashMap<>();
  final Map<String, Block> outputs = new LinkedHashMap<>();
  final Map<String, Block> modules = new LinkedHashMap<>();
  final Map<String, Block> resources = new LinkedHashMap<>();
  final Map<String, Block> data = new LinkedHashMap<>();
  final List<Block> terraformBlocks = new ArrayList<>();
  final List<Problem> problems = new ArrayList<>();

  private TerraformModule(Path dir, String displayDir) {
    this.dir = dir;
    this.displayDir = displayDir;
  }

  /**
   * Parses every .tf file of {@code dir}; positions name files relative to {@code root}.
   * A file that does not parse throws {@link HclScanner.SyntaxError}.
   */
  static TerraformModule load(Path root, Path dir) {
    TerraformModule module = new TerraformModule(dir, display(root, dir));
    for (Path path : list(dir, ".tf")) {
      Body body = parseFile(root, path);
      module.files.add(new File(display(root, path), body));
      module.index(body);
    }
    return module;
  }

  static Body parseFile(Path root, Path path) {
    try {
      return HclParser.parse(display(root, path), Files.readString(path));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Files of {@code dir} (not below it) whose names end with {@code suffix}, sorted. */
  static List<Path> list(Path dir, String suffix) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> Files.isRegularFile(f) && f.getFileName().toString()
          .endsWith(suffix)).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String display(Path root, Path path) {
    Path relative = root.toAbsolutePath().normalize().getParent()
        .relativize(path.toAbsolutePath().normalize());
    return relative.toString().replace('\\', '/');
  }

  private void index(Body body) {
    if (!body.attributes().isEmpty()) {
      Attribute stray = body.attributes().get(0);
      problems.add(new Problem(stray.pos(), "attribute " + stray.name()
          + " outside any block (a .tf file holds blocks only)"));
    }
    for (Block block : body.blocks()) {
      switch (block.type()) {
        case "variable" -> declare(variables, "variable", block.label(0), block);
        case "output" -> declare(outputs, "output", block.label(0), block);
        case "module" -> declare(modules, "module", block.label(0), block);
        case "resource" -> declare(resources, "resource",
            block.label(0) + "." + block.label(1), block);
        case "data" -> declare(data, "data source",
            block.label(0) + "." + block.label(1), block);
        case "terraform" -> terraformBlocks.add(block);
        case "locals" -> {
          for (Attribute local : block.body().attributes()) {
            if (locals.containsKey(local.name())) {
              problems.add(new Problem(local.pos(), "local." + local.name()
                  + " is defined twice (also at " + locals.get(local.name()).pos() + ")"));
            }
            locals.putIfAbsent(local.name(), local);
          }
        }
        case "provider", "moved", "import", "removed", "check" -> { }
        default -> problems.add(new Problem(block.pos(), "unknown block type " + block.type()));
      }
      int labels = switch (block.type()) {
        case "resource", "data" -> 2;
        case "variable", "output", "module", "provider" -> 1;
        default -> -1;
      };
      if (labels >= 0 && block.labels().size() != labels) {
        problems.add(new Problem(block.pos(), "a " + block.type() + " block takes " + labels
            + " label(s), this one has " + block.labels().size()));
      }
    }
  }

  private void declare(Map<String, Block> into, String kind, String name, Block block) {
    Block earlier = into.putIfAbsent(name, block);
    if (earlier != null) {
      problems.add(new Problem(block.pos(), kind + " " + name + " is declared twice (also at "
          + earlier.pos() + ")"));
    }
  }

  /** Whether a resource, data source or module block makes instances (count or for_each). */
  static boolean counted(Block block) {
    return block.body().attribute("count") != null || forEach(block);
  }

  static boolean forEach(Block block) {
    return block.body().attribute("for_each") != null;
  }

  /** Every block type whose resources this module declares ("aws_vpc", ...). */
  boolean declaresResourceType(String type) {
    return resources.keySet().stream().anyMatch(k -> k.startsWith(type + "."));
  }

  /** The required_providers entries of this module's terraform blocks, by local name. */
  Map<String, Attribute> requiredProviders() {
    Map<String, Attribute> providers = new LinkedHashMap<>();
    for (Block terraform : terraformBlocks) {
      for (Block required : terraform.body().blocks("required_providers")) {
        required.body().attributes().forEach(a -> providers.put(a.name(), a));
      }
    }
    return providers;
  }
}
