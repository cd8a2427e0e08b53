package io.holdfast.core.grid;

import com.hazelcast.config.Config;
import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.NearCacheConfig;
import com.hazelcast.config.SplitBrainProtectionConfig;
import com.hazelcast.splitbrainprotection.SplitBrainProtectionOn;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The member configuration of the inventory grid. */
public final class GridConfig {
  private static final Logger LOG = LoggerFactory.getLogger(GridConfig.class);

  private GridConfig() {}

  /** The split-brain protection every inventory map names. */
  static final String QUORUM = "holdfast-inventory-quorum";

  /** A data member of a grid without quorum (tests, the one-JVM platform). */
  public static Config member(String clusterName, String host, int port, List<String> members) {
    return node(clusterName, host, port, members, GridShape.SINGLE);
  }

  /**
   * @param clusterName members only join a cluster of the same name
   * @param host        the address to bind and advertise (127.0.0.1 on one box)
   * @param port        first port to try; later members of one box take the next free one
   * @param members     TCP-IP seed members ("host:port"); empty means a cluster of one; host
   *                    names are resolved now ({@link #seeds})
   * @param shape       data or lite member, quorum, backups and heartbeat timeout
   */
  public static Config node(String clusterName, String host, int port, List<String> members,
      GridShape shape) {
    Config config = new Config();
    config.setLiteMember(shape.lite());
    if (shape.heartbeatSeconds() > 0) {
      config.setProperty("hazelcast.max.no.heartbeat.seconds",
          String.valueOf(shape.heartbeatSeconds()));
    }
    config.setClusterName(clusterName);
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.logging.type", "slf4j");
    config.setProperty("hazelcast.shutdownhook.enabled", "false");
    config.getNetworkConfig().setPort(port).setPortAutoIncrement(true).setPortCount(100);
    config.getNetworkConfig().getInterfaces().setEnabled(true).addInterface(host);
    config.getNetworkConfig().setPublicAddress(null);
    config.setProperty("hazelcast.local.localAddress", host);
    JoinConfig join = config.getNetworkConfig().getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    // No seeds: a grid of one that joins nobody. (Seeding itself would let a second launcher on
    // the same box, which takes the next port, join the first one's grid by its address.)
    List<String> seeds = seeds(members);
    join.getTcpIpConfig().setEnabled(!seeds.isEmpty()).setMembers(seeds);
    config.getSerializationConfig()
        .addDataSerializableFactory(CoreSerialization.FACTORY_ID, new CoreSerialization());

    // OBJECT format: an entry processor works on the live object instead of deserializing a
    // whole shard per call. One synchronous backup: a member may die mid-sale.
    // Counted on every membership change; an inventory call on a side with fewer data members
    // fails at once (SplitBrainProtectionException), and holds answer 503.
    if (shape.quorum() > 1) {
      if (!shape.lite()) {
        // A data member's start waits until a quorum could form, so that it does not begin
        // (and rebuild inventory) alone in a grid that refuses every inventory call.
        config.setProperty("hazelcast.initial.min.cluster.size", String.valueOf(shape.quorum()));
      }
      config.addSplitBrainProtectionConfig(new SplitBrainProtectionConfig(QUORUM, true,
          shape.quorum()).setProtectOn(SplitBrainProtectionOn.READ_WRITE)
          .setFunctionImplementation(new DataMemberQuorum(shape.quorum())));
    }
    config.addMapConfig(objectMap(GridMaps.INVENTORY, shape));
    config.addMapConfig(objectMap(GridMaps.BOOKS_MAP, shape));
    config.addMapConfig(objectMap(GridMaps.EVENTS, shape).setNearCacheConfig(
        new NearCacheConfig(GridMaps.EVENTS).setInMemoryFormat(InMemoryFormat.OBJECT)
            .setInvalidateOnChange(true).setCacheLocalEntries(true)));
    return config;
  }

  /**
   * Makes {@code config} (from {@link #node}, without seeds) find its members by DNS instead:
   * Hazelcast's built-in Kubernetes discovery in DNS lookup mode asks for every address
   * {@code serviceDns} resolves to and tries each on {@code port}. A headless Service answers
   * with its pods' IPs, so a StatefulSet of members finds itself whatever its size, and edges
   * and workers (lite members) find the members the same way. It needs no permission on the
   * Kubernetes API (the API mode would). The Service must publish pods that are not ready yet:
   * a member is not ready until it has joined.
   */
  public static Config joinByDns(Config config, String serviceDns, int port) {
    JoinConfig join = config.getNetworkConfig().getJoin();
    if (join.getTcpIpConfig().isEnabled()) {
      // Hazelcast refuses two join methods at once; say which settings collide instead.
      throw new IllegalArgumentException("a grid joins by its TCP/IP seeds or by DNS, not both");
    }
    join.getKubernetesConfig().setEnabled(true)
        .setProperty("service-dns", serviceDns)
        .setProperty("service-port", String.valueOf(port));
    return config;
  }

  /**
   * The seeds as addresses: Hazelcast drops a seed given by host name whose address is not one
   * of the bound interface's (with interfaces enabled it matches every resolved address against
   * them), so in a network of containers, where each member binds its own address, no member
   * given by name was ever asked. A name that resolves to several addresses gives them all; one
   * that does not resolve yet (a member whose container is not up) is left out, and that
   * member, when it starts, joins this one through its own seeds.
   */
  static List<String> seeds(List<String> members) {
    List<String> seeds = new ArrayList<>();
    for (String member : members) {
      String seed = member.trim();
      // host, host:port, an IPv6 address, or [IPv6]:port
      int close = seed.startsWith("[") ? seed.indexOf(']') : -1;
      int colon = close >= 0 ? seed.indexOf(':', close)
          : seed.indexOf(':') == seed.lastIndexOf(':') ? seed.indexOf(':') : -1;
      String host = close >= 0 ? seed.substring(1, close)
          : colon >= 0 ? seed.substring(0, colon) : seed;
      String port = colon >= 0 ? seed.substring(colon) : "";
      if (host.isEmpty()) {
        continue;
      }
      try {
        for (InetAddress address : InetAddress.getAllByName(host)) {
          String ip = address.getHostAddress();
          seeds.add((address instanceof Inet6Address ? "[" + ip + "]" : ip) + port);
        }
      } catch (UnknownHostException e) {
        LOG.warn("Grid seed {} does not resolve now; left out (it joins this member when it "
            + "starts)", seed);
      }
    }
    return seeds;
  }

  private static MapConfig objectMap(String name, GridShape shape) {
    MapConfig map = new MapConfig(name).setInMemoryFormat(InMemoryFormat.OBJECT)
        .setBackupCount(shape.backups()).setAsyncBackupCount(0).setReadBackupData(false);
    return shape.quorum() > 1 ? map.setSplitBrainProtectionName(QUORUM) : map;
  }
}
