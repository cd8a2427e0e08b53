package io.holdfast.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.support.config.Settings;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The web app in headless Chromium: the Playwright tests of {@code web/e2e} against this test
 * JVM's platform. Debian's chromium must be installed ({@code .ci/run} installs it); the web
 * module's build installed Playwright with the rest of its toolchain. Screenshots land in
 * {@code web/target/screenshots}.
 */
@DisplayName("The web app in a real browser")
class BrowserTest {
  private static final long LIMIT_MINUTES = 12;

  @Test
  @DisplayName("buyers, organizers and door staff get through their pages (Playwright, Chromium)")
  void playwright() throws Exception {
    Platform platform = TestPlatform.get();
    Path web = Path.of("..", "web").toAbsolutePath().normalize();
    assertThat(web.resolve("node_modules/@playwright/test")).as("the web module's build "
        + "installed Playwright (npm ci)").exists();
    String chromium = System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium");
    assertThat(new File(chromium)).as("Chromium at " + chromium + " (apt-get install chromium;"
        + " .ci/run installs it)").exists();
    ProcessBuilder builder = new ProcessBuilder("npx", "playwright", "test")
        .directory(web.toFile()).redirectErrorStream(true);
    Map<String, String> env = builder.environment();
    env.put("HOLDFAST_URL", platform.baseUrl());
    env.put("CHROMIUM", chromium);
    String inbox = platform.config().getString(Settings.MAIL_INBOX_URL);
    if (inbox != null) {
      env.put("HOLDFAST_MAIL_URL", inbox);
    }
    env.put("HOLDFAST_ORGANIZER_EMAIL", platform.demo().get("organizerEmail"));
    env.put("HOLDFAST_ORGANIZER_PASSWORD", platform.demo().get("password"));
    env.put("HOLDFAST_BUYER_EMAIL", platform.demo().get("buyerEmail"));
    env.put("HOLDFAST_ADMIN_EMAIL", platform.demo().get("adminEmail"));
    env.put("HOLDFAST_ADMIN_PASSWORD", platform.demo().get("password"));
    env.put("CI", "1");
    Process process = builder.start();
    StringBuilder output = new StringBuilder();
    Thread reader = new Thread(() -> {
      try (BufferedReader lines = new BufferedReader(new InputStreamReader(
          process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = lines.readLine()) != null; ) {
          System.out.println("[playwright] " + line);
          output.append(line).append('\n');
        }
      } catch (java.io.IOException e) {
        output.append("(output lost: ").append(e).append(")\n");
      }
    }, "playwright-output");
    reader.start();
    boolean finished = process.waitFor(LIMIT_MINUTES, TimeUnit.MINUTES);
    if (!finished) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
    reader.join(10_000);
    Files.createDirectories(web.resolve("target"));
    Files.writeString(web.resolve("target/playwright.log"), output);
    assertThat(finished).as("the browser tests finished within " + LIMIT_MINUTES + " minutes")
        .isTrue();
    assertThat(process.exitValue()).as("the browser tests passed:\n" + output).isZero();
  }
}
