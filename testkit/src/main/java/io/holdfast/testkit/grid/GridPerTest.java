package io.holdfast.testkit.grid;

import com.hazelcast.core.HazelcastInstance;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A grid started before each test and shut down after it, so no test sees another's inventory.
 * Register it as an instance field with {@code @RegisterExtension}: it is up before the test's
 * own {@code @BeforeEach} methods run.
 */
public final class GridPerTest implements BeforeEachCallback, AfterEachCallback {
  private final Supplier<Grid> start;
  private Grid grid;

  public GridPerTest(Supplier<Grid> start) {
    this.start = start;
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    grid = start.get();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (grid != null) {
      grid.close();
    }
  }

  public HazelcastInstance member(int index) {
    return grid.member(index);
  }

  public HazelcastInstance member() {
    return grid.member();
  }
}
