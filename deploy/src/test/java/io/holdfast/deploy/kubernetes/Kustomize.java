package io.holdfast.deploy.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.holdfast.testkit.Repository;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Renders a kustomize directory the way an operator does, with {@code kubectl kustomize DIR}
 * (a real process), once per directory and JVM. The kubectl is {@code kubectl} on the PATH, or
 * the one the system property {@code holdfast.kubectl} names. The tree renders the same with
 * Debian's kubectl 1.20 (kustomize v2.0.3) and with kustomize v5 (kubernetes.md).
 */
final class Kustomize {
  private Kustomize() {}

  static final YAMLMapper YAML = new YAMLMapper();
  private static final Map<Path, List<JsonNode>> RENDERED = new ConcurrentHashMap<>();

  /** The overlay {@code kubernetes/overlays/NAME}, rendered: one node per document. */
  static List<JsonNode> overlay(String name) {
    return render(Repository.root().resolve("kubernetes/overlays").resolve(name));
  }

  static List<JsonNode> render(Path dir) {
    return RENDERED.computeIfAbsent(dir.normalize(), Kustomize::run);
  }

  private static List<JsonNode> run(Path dir) {
    String kubectl = System.getProperty("holdfast.kubectl", "kubectl");
    try {
      Path out = Files.createTempFile("kustomize", ".yaml");
      Path err = Files.createTempFile("kustomize", ".err");
      try {
        Process process;
        try {
          process = new ProcessBuilder(kubectl, "kustomize", dir.toString())
              .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        } catch (IOException e) {
          throw new IllegalStateException("cannot run '" + kubectl + "' (" + e.getMessage()
              + "): install kubectl (Debian: apt-get install kubernetes-client) or name one "
              + "with -Dholdfast.kubectl=PATH", e);
        }
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor();
          throw new IllegalStateException(kubectl + " kustomize " + dir + " took over 120 s");
        }
        if (process.exitValue() != 0) {
          throw new IllegalStateException(kubectl + " kustomize " + dir + " failed ("
              + process.exitValue() + "): " + Files.readString(err, StandardCharsets.UTF_8));
        }
        try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class)
            .readValues(out.toFile())) {
          return docs.readAll().stream().filter(d -> d != null && !d.isEmpty()
              && !d.isMissingNode() && !d.isNull()).toList();
        }
      } finally {
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
      }
    } catch (IOException e) {
      throw new IllegalStateException("rendering " + dir + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while rendering " + dir, e);
    }
  }
}
