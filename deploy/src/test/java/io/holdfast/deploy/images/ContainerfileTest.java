package io.holdfast.deploy.images;

import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.app.Role;
import io.holdfast.testkit.Repository;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("docker/Containerfile")
class ContainerfileTest {
  /** The instructions, one per line: comments dropped, continued lines joined. */
  private static final List<String> LINES = instructions(DeployFiles.read("docker/Containerfile"));

  /** The runtime stage: everything after the last FROM. */
  private static final List<String> RUNTIME = LINES.subList(lastFrom(), LINES.size());

  @Test
  @DisplayName("takes its base images as build arguments and builds in stages of their own")
  void basesAreArguments() {
    assertThat(LINES).anyMatch(l -> l.matches("ARG WEB_BASE=\\S+"))
        .anyMatch(l -> l.matches("ARG BUILD_BASE=\\S+"))
        .anyMatch(l -> l.matches("ARG RUNTIME_BASE=\\S+"))
        .contains("FROM ${WEB_BASE} AS web", "FROM ${BUILD_BASE} AS build",
            "FROM ${RUNTIME_BASE}");
    assertThat(LINES).anyMatch(l -> l.startsWith("RUN") && l.contains("mvn ")
        && l.contains("package"));
    assertThat(RUNTIME).anyMatch(l -> l.startsWith("COPY --from=build"))
        .noneMatch(l -> l.contains("mvn "));
  }

  @Test
  @DisplayName("runs as a numeric user that is not root")
  void nonRootNumericUser() {
    List<String> users = RUNTIME.stream().filter(l -> l.startsWith("USER ")).toList();
    assertThat(users).hasSize(1);
    assertThat(users.get(0)).matches("USER [1-9][0-9]*(:[0-9]+)?");
  }

  @Test
  @DisplayName("checks its health against /health/live with a script the image carries")
  void healthCheck() throws Exception {
    assertThat(RUNTIME).anyMatch(l -> l.startsWith("HEALTHCHECK")
        && l.endsWith("CMD [\"/opt/holdfast/bin/healthcheck\"]"));
    assertThat(RUNTIME).contains("COPY docker/bin/ /opt/holdfast/bin/");
    var script = Repository.root().resolve("docker/bin/healthcheck");
    assertThat(Files.isExecutable(script)).isTrue();
    assertThat(Files.readString(script)).contains("/health/live", "HOLDFAST_MANAGEMENT_PORT");
  }

  @Test
  @DisplayName("starts the launcher, whose role is the argument (all by default)")
  void launcherEntrypoint() {
    assertThat(RUNTIME).contains(
        "ENTRYPOINT [\"java\", \"-jar\", \"/opt/holdfast/holdfast.jar\"]",
        "CMD [\"--role\", \"all\"]");
    assertThat(RUNTIME).anyMatch(l -> l.matches("COPY --from=build \\S+ /opt/holdfast/holdfast.jar"));
    assertThat(Role.parse("all")).isEqualTo(Role.ALL);
  }

  @Test
  @DisplayName("sizes the JVM for a container, exposes the API, management and grid ports, and "
      + "sets only settings the launcher knows")
  void containerSettings() {
    String env = RUNTIME.stream().filter(l -> l.startsWith("ENV ")).reduce("", String::concat);
    assertThat(env).contains("JAVA_TOOL_OPTIONS=", "-XX:MaxRAMPercentage=",
        "-XX:+ExitOnOutOfMemoryError", "HOLDFAST_MANAGEMENT_PORT=9090");
    assertThat(RUNTIME).contains("EXPOSE 8080 9090 5701");
    assertThat(DeployFiles.holdfastNames(env)).isNotEmpty().isSubsetOf(DeployFiles.SETTINGS);
  }

  private static List<String> instructions(String text) {
    List<String> lines = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String raw : text.split("\n")) {
      String line = raw.strip();
      if (line.startsWith("#") || (line.isEmpty() && current.isEmpty())) {
        continue;
      }
      boolean continues = line.endsWith("\\");
      current.append(continues ? line.substring(0, line.length() - 1).strip() : line)
          .append(continues ? " " : "");
      if (!continues) {
        lines.add(current.toString().strip());
        current.setLength(0);
      }
    }
    return List.copyOf(lines);
  }

  private static int lastFrom() {
    for (int i = LINES.size() - 1; i >= 0; i--) {
      if (LINES.get(i).startsWith("FROM ")) {
        return i;
      }
    }
    throw new IllegalStateException("no FROM");
  }
}
