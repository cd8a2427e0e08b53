package io.holdfast.deploy.images;

import io.holdfast.app.PlatformSettings;
import io.holdfast.support.config.Setting;
import io.holdfast.testkit.Repository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The files these tests read, from the repository's root, and what they are checked against. */
final class DeployFiles {
  private DeployFiles() {}

  /** Every variable the launcher reads: a file that passes another one passes nothing. */
  static final Set<String> SETTINGS = PlatformSettings.CATALOGUE.stream()
      .map(Setting::variable).collect(Collectors.toUnmodifiableSet());

  private static final Pattern HOLDFAST_NAME = Pattern.compile("\\bHOLDFAST_[A-Z0-9_]+");

  /** The text of {@code path}, from the repository's root. */
  static String read(String path) {
    return Repository.read(path);
  }

  /** A YAML file as maps and lists, merge keys ({@code <<: *anchor}) resolved as compose does. */
  static Map<String, Object> yaml(String path) {
    return new Yaml(new SafeConstructor(new LoaderOptions())).load(read(path));
  }

  /** Every HOLDFAST_ name written anywhere in {@code text}, comments included. */
  static Set<String> holdfastNames(String text) {
    Set<String> names = new TreeSet<>();
    Matcher m = HOLDFAST_NAME.matcher(text);
    while (m.find()) {
      names.add(m.group());
    }
    return names;
  }
}
