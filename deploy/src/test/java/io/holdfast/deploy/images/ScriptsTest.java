package io.holdfast.deploy.images;

import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.testkit.Repository;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.DisplayName;

@DisplayName("The image scripts")
class ScriptsTest {
  @ParameterizedTest(name = "{0} --help says {1}")
  @DisplayName("explain themselves with --help before they touch podman or a network")
  @CsvSource({
      "scripts/images, --rebuild-bases",
      "scripts/container-cluster, --read-only --tmpfs /tmp",
      "scripts/smoke, exactly N tickets were sold"})
  void help(String script, String says) throws Exception {
    Process p = new ProcessBuilder("bash", script, "--help")
        .directory(Repository.root().toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    assertThat(out.replaceAll("\\s+", " ")).contains(says);
  }
}
