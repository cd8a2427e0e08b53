package io.holdfast.deploy.images;

import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.testkit.Repository;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName(".github/workflows/ci.yml")
class WorkflowTest {
  private static final String TEXT = DeployFiles.read(".github/workflows/ci.yml");
  private static final Map<String, Object> WORKFLOW = DeployFiles.yaml(".github/workflows/ci.yml");

  /** Every step of every job. */
  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> steps() {
    List<Map<String, Object>> all = new ArrayList<>();
    ((Map<String, Map<String, Object>>) WORKFLOW.get("jobs")).values().forEach(job ->
        all.addAll((List<Map<String, Object>>) job.getOrDefault("steps", List.of())));
    return all;
  }

  private static List<String> runs() {
    return steps().stream().filter(s -> s.containsKey("run"))
        .map(s -> String.valueOf(s.get("run"))).toList();
  }

  @Test
  @DisplayName("runs the test suite with .ci/run, the README's test command")
  void testsThroughCiRun() {
    assertThat(runs()).anyMatch(r -> r.strip().equals(".ci/run"));
    assertThat(Files.isExecutable(Repository.root().resolve(".ci/run"))).isTrue();
  }

  @Test
  @DisplayName("runs on pushes, pull requests and version tags")
  void triggers() {
    // YAML 1.1 reads the bare key `on` as true.
    Object on = WORKFLOW.containsKey("on") ? WORKFLOW.get("on") : WORKFLOW.get(Boolean.TRUE);
    assertThat(on).isInstanceOf(Map.class);
    assertThat(((Map<?, ?>) on).keySet()).map(String::valueOf).contains("push", "pull_request");
    assertThat(TEXT).contains("'v*'");
  }

  @Test
  @DisplayName("builds the images from official bases, makes an SBOM, scans, and publishes on tags")
  void imagesSbomScanPublish() {
    assertThat(TEXT).contains("docker/Containerfile", "WEB_BASE=", "BUILD_BASE=", "RUNTIME_BASE=");
    assertThat(runs()).anyMatch(r -> r.contains("-Psbom"));
    assertThat(steps()).anyMatch(s -> String.valueOf(s.get("uses")).startsWith("aquasecurity/trivy-action"));
    assertThat(TEXT).contains("ghcr.io", "startsWith(github.ref, 'refs/tags/v')");
  }
}
