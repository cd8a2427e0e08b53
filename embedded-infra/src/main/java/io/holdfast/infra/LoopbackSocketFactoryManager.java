package io.holdfast.infra;

import java.io.IOException;
import java.lang.reflect.Field;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.PreboundSocketFactoryManager;

/**
 * Kafka's test kit reserves every listener port up front by binding a socket to the wildcard
 * address (0.0.0.0 / [::]) and later hands that same socket to the broker and the controller, so
 * the embedded broker would be reachable from the network whatever {@code listeners} says. This
 * manager reserves the sockets on 127.0.0.1 instead. The kit has no setting for it, hence the
 * reflection; it is pinned to Kafka 4.3.1, and {@link #install} reports failure so the caller can
 * warn and carry on.
 */
final class LoopbackSocketFactoryManager extends PreboundSocketFactoryManager {
  /** The superclass's reservations (node id → listener name → socket), which its factories read. */
  private final Map<Integer, Map<String, ServerSocketChannel>> sockets;

  @SuppressWarnings("unchecked")
  private LoopbackSocketFactoryManager() throws ReflectiveOperationException {
    Field field = PreboundSocketFactoryManager.class.getDeclaredField("sockets");
    field.setAccessible(true);
    this.sockets = (Map<Integer, Map<String, ServerSocketChannel>>) field.get(this);
  }

  /** Replaces the builder's socket manager; false if this Kafka version's internals differ. */
  static boolean install(KafkaClusterTestKit.Builder builder) {
    try {
      Field field = KafkaClusterTestKit.Builder.class.getDeclaredField("socketFactoryManager");
      field.setAccessible(true);
      field.set(builder, new LoopbackSocketFactoryManager());
      return true;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return false;
    }
  }

  /** As the superclass, but bound to 127.0.0.1 (non-blocking, as Kafka's own socket factory opens them). */
  @Override
  public synchronized int getOrCreatePortForListener(int nodeId, String listenerName) throws IOException {
    Map<String, ServerSocketChannel> byListener = sockets.computeIfAbsent(nodeId, id -> new HashMap<>());
    ServerSocketChannel channel = byListener.get(listenerName);
    if (channel == null) {
      channel = ServerSocketChannel.open();
      try {
        channel.configureBlocking(false);
        channel.bind(new InetSocketAddress(LoopbackPorts.HOST, 0));
      } catch (IOException e) {
        channel.close();
        throw e;
      }
      byListener.put(listenerName, channel);
    }
    return ((InetSocketAddress) channel.getLocalAddress()).getPort();
  }
}
