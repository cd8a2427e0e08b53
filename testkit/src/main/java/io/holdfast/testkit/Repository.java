package io.holdfast.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The repository's own files (docs/, monitoring/, kubernetes/, terraform/, scripts/), for the
 * tests that check them against the code: a module's tests run in its directory, one level
 * below the root.
 */
public final class Repository {
  private Repository() {}

  /** The first directory up from the working directory with the root's pom.xml and .ci/run. */
  public static Path root() {
    Path here = Path.of("").toAbsolutePath();
    for (Path dir = here; dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isRegularFile(dir.resolve(
          ".ci/run"))) {
        return dir;
      }
    }
    throw new IllegalStateException("no repository root (pom.xml and .ci/run) above " + here);
  }

  /** The text of the file at {@code path}, relative to the root. */
  public static String read(String path) {
    try {
      return Files.readString(root().resolve(path));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
