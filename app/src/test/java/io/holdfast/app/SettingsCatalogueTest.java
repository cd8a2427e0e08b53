package io.holdfast.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.holdfast.support.config.Setting;
import io.holdfast.support.config.Settings;
import io.holdfast.testkit.Repository;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The catalogue of settings is the one place --help, the docs' table and the environment come
 * from. Regenerate the docs' table with
 * {@code mvn -B -q -pl app -am test -Dtest=SettingsCatalogueTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dholdfast.writeDocs=true}.
 */
@DisplayName("Settings: one catalogue for the environment, --help and docs/configuration.md")
class SettingsCatalogueTest {
  static final String BEGIN = "<!-- settings:begin";
  static final String END = "<!-- settings:end -->";
  static final String REGENERATE = "mvn -B -q -pl app -am test -Dtest=SettingsCatalogueTest "
      + "-Dsurefire.failIfNoSpecifiedTests=false -Dholdfast.writeDocs=true";

  /**
   * HOLDFAST_ names in scripts/ that are not settings of this launcher: scripts/bench's own
   * shell variables, and the PBKDF2 cost that commits before Argon2id read (scripts/bench
   * --baseline runs them).
   */
  private static final Set<String> NOT_SETTINGS = Set.of("HOLDFAST_RESULT", "HOLDFAST_INV",
      "HOLDFAST_HEAP", "HOLDFAST_SUMMARY", "HOLDFAST_PASSWORD_ITERATIONS",
      // scripts/images' own array of build arguments.
      "HOLDFAST_BASES");

  @Test
  @DisplayName("no two settings share a variable or a configuration key")
  void noDuplicates() {
    assertThat(PlatformSettings.CATALOGUE).doesNotHaveDuplicates();
    assertThat(duplicates(Setting::variable)).isEmpty();
    assertThat(duplicates(Setting::key)).isEmpty();
  }

  @Test
  @DisplayName("every HOLDFAST_ variable the scripts set is in the catalogue")
  void scriptsSetOnlyKnownVariables() throws IOException {
    Set<String> known = PlatformSettings.CATALOGUE.stream().map(Setting::variable)
        .collect(Collectors.toSet());
    Set<String> used = new TreeSet<>();
    Pattern name = Pattern.compile("HOLDFAST_[A-Z0-9_]*[A-Z0-9]");
    try (Stream<Path> files = Files.walk(Repository.root().resolve("scripts"))) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        Matcher m = name.matcher(Files.readString(file));
        while (m.find()) {
          used.add(m.group());
        }
      }
    }
    assertThat(used).as("HOLDFAST_ names in scripts/").isNotEmpty().contains("HOLDFAST_PG_URL");
    used.removeAll(NOT_SETTINGS);
    assertThat(used).as("variables scripts/ sets that the launcher would ignore")
        .isSubsetOf(known);
  }

  @Test
  @DisplayName("docs/configuration.md's table is the one the catalogue generates")
  void docsTableIsCurrent() throws IOException {
    Path doc = Repository.root().resolve("docs/configuration.md");
    String text = Files.readString(doc);
    int begin = text.indexOf(BEGIN);
    int end = text.indexOf(END);
    assertThat(begin).as("%s holds the markers %s ... %s", doc, BEGIN, END).isNotNegative();
    assertThat(end).isGreaterThan(begin);
    int tableStart = text.indexOf('\n', begin) + 1;
    String generated = SettingsText.markdown(PlatformSettings.CATALOGUE);
    if (Boolean.getBoolean("holdfast.writeDocs")) {
      Files.writeString(doc, text.substring(0, tableStart) + generated + text.substring(end));
      return;
    }
    assertThat(text.substring(tableStart, end))
        .as("the settings table of %s is out of date; regenerate it with:%n  %s", doc,
            REGENERATE)
        .isEqualTo(generated);
  }

  @Test
  @DisplayName("--help lists every variable with its default, and explains the profile")
  void helpListsEverySetting() throws Exception {
    PrintStream out = System.out;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
    try {
      Main.main(new String[] {"--help"});
    } finally {
      System.setOut(out);
    }
    String help = printed.toString(StandardCharsets.UTF_8);
    assertThat(help).contains("Roles:", "member", "worker");
    for (Setting setting : PlatformSettings.CATALOGUE) {
      assertThat(help).contains("  " + setting.variable() + " (default: "
          + setting.defaultText() + ")");
    }
    assertThat(help).contains("HOLDFAST_PG_POOL_SIZE (default: 8)");
    // The profile is explained beside it: what production refuses.
    assertThat(help).contains("HOLDFAST_PROFILE", "HOLDFAST_MANAGEMENT_PORT", "production");
  }

  @Test
  @DisplayName("the environment reaches each setting's key, and a malformed number is refused naming its variable")
  void environment() {
    JsonObject config = PlatformSettings.fromEnvironment(Map.of("HOLDFAST_PG_POOL_SIZE", " 12 ",
        "HOLDFAST_HTTP_PORT", "80eighty", "HOLDFAST_CORS_ORIGINS", "  ", "PATH", "/bin"));
    assertThat(config.getMap()).containsOnlyKeys("pg.poolSize", "http.port");
    assertThat(Settings.PG_POOL_SIZE.integer(config)).isEqualTo(12);
    assertThat(Settings.PG_POOL_SIZE.integer(new JsonObject())).isEqualTo(8);
    assertThatThrownBy(() -> Settings.HTTP_PORT.integer(config))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("configuration http.port (HOLDFAST_HTTP_PORT) must be a whole number: "
            + "80eighty");
  }

  private static Set<String> duplicates(Function<Setting, String> by) {
    return PlatformSettings.CATALOGUE.stream()
        .collect(Collectors.groupingBy(by, Collectors.counting()))
        .entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey)
        .collect(Collectors.toSet());
  }
}
