package io.holdfast.testkit.grid;

import com.hazelcast.config.Config;
import java.util.List;

/**
 * How the module under test configures a member (the core's {@code GridConfig::member}): the
 * testkit cannot depend on the core, whose own tests use it.
 */
@FunctionalInterface
public interface MemberConfig {
  Config of(String clusterName, String host, int port, List<String> seeds);
}
