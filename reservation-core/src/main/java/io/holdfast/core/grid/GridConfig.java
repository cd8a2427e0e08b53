package io.holdfast.core.grid;

import com.hazelcast.config.Config;
import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.NearCacheConfig;
import java.util.List;

/** The member configuration of the inventory grid. */
public final class GridConfig {
  private GridConfig() {}

  /**
   * @param clusterName members only join a cluster of the same name
   * @param host        the address to bind and advertise (127.0.0.1 on one box)
   * @param port        first port to try; later members of one box take the next free one
   * @param members     TCP-IP seed members ("host:port"); empty means a cluster of one
   */
  public static Config member(String clusterName, String host, int port, List<String> members) {
    Config config = new Config();
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
    join.getTcpIpConfig().setEnabled(!members.isEmpty()).setMembers(members);
    config.getSerializationConfig()
        .addDataSerializableFactory(CoreSerialization.FACTORY_ID, new CoreSerialization());

    // OBJECT format: an entry processor works on the live object instead of deserializing a
    // whole shard per call. One synchronous backup: a member may die mid-sale.
    config.addMapConfig(objectMap(GridMaps.INVENTORY));
    config.addMapConfig(objectMap(GridMaps.BOOKS_MAP));
    config.addMapConfig(objectMap(GridMaps.EVENTS).setNearCacheConfig(
        new NearCacheConfig(GridMaps.EVENTS).setInMemoryFormat(InMemoryFormat.OBJECT)
            .setInvalidateOnChange(true).setCacheLocalEntries(true)));
    return config;
  }

  private static MapConfig objectMap(String name) {
    return new MapConfig(name).setInMemoryFormat(InMemoryFormat.OBJECT)
        .setBackupCount(1).setAsyncBackupCount(0).setReadBackupData(false);
  }
}
