package io.holdfast.deploy.terraform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** A tree of Terraform modules (terraform/ here), each directory loaded once. */
final class TerraformTree {
  final Path root;
  private final Map<Path, TerraformModule> loaded = new HashMap<>();

  TerraformTree(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  TerraformModule module(Path dir) {
    Path key = dir.toAbsolutePath().normalize();
    TerraformModule module = loaded.get(key);
    if (module == null) {
      module = TerraformModule.load(root, key);
      loaded.put(key, module);
    }
    return module;
  }

  TerraformModule rootModule() {
    return module(root);
  }

  /** Every directory of the tree holding .tf files (Terraform's own .terraform/ aside). */
  List<Path> moduleDirs() {
    return files(".tf").stream().map(Path::getParent).distinct().sorted().toList();
  }

  /** Every file of the tree whose name ends with {@code suffix}, sorted. */
  List<Path> files(String suffix) {
    try (Stream<Path> all = Files.walk(root)) {
      return all.filter(Files::isRegularFile)
          .filter(f -> f.getFileName().toString().endsWith(suffix))
          .filter(f -> !root.relativize(f).toString().contains(".terraform"))
          .sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Problems of the references of every module of the tree. */
  List<TerraformModule.Problem> referenceProblems() {
    return moduleDirs().stream()
        .flatMap(dir -> ReferenceChecker.check(module(dir), this::module).stream()).toList();
  }
}
