package io.holdfast.infra;

import io.holdfast.contracts.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node KRaft Kafka broker (combined broker and controller) inside this JVM, started
 * through Kafka's own {@link KafkaClusterTestKit}, listening on 127.0.0.1 only (see
 * {@link LoopbackSocketFactoryManager}), with the Holdfast topics created.
 *
 * <p>The kit formats the cluster at its default bootstrap metadata, {@code metadata.version}
 * 4.4-IV0 for Kafka 4.3.1 ("latest testing"); choosing the production level would need
 * kafka-server-common and kafka-metadata on the compile classpath, and clients do not see it.
 */
public final class KafkaServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaServer.class);
  private static final long TOPIC_WAIT_MS = 30_000;

  private final KafkaClusterTestKit cluster;
  private final String bootstrap;

  private KafkaServer(KafkaClusterTestKit cluster, String bootstrap) {
    this.cluster = cluster;
    this.bootstrap = bootstrap;
  }

  /** Starts the broker and creates every topic in {@link Topics#ALL} with {@code partitions} partitions. */
  public static KafkaServer start(int partitions) {
    long begin = System.nanoTime();
    KafkaClusterTestKit cluster = null;
    try {
      Path baseDirectory = Files.createTempDirectory("holdfast-kafka-");
      TestKitNodes nodes = new TestKitNodes.Builder()
          .setCombined(true)
          .setNumBrokerNodes(1)
          .setNumControllerNodes(1)
          .setBaseDirectory(baseDirectory)
          .build();
      String brokerListener = nodes.brokerListenerName().value();
      String controllerListener = nodes.controllerListenerName().value();
      KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes);
      if (!LoopbackSocketFactoryManager.install(builder)) {
        LOG.warn("Could not keep the Kafka test kit off the wildcard address; the broker listens on all interfaces");
      }
      cluster = builder
          // Advertise the address the sockets are bound to, not the test kit's "localhost".
          .setConfigProp("listeners",
              brokerListener + "://" + LoopbackPorts.HOST + ":0," + controllerListener + "://" + LoopbackPorts.HOST + ":0")
          // One broker: internal topics must not ask for three replicas, or consumers and
          // transactional producers wait forever.
          .setConfigProp("offsets.topic.replication.factor", "1")
          .setConfigProp("transaction.state.log.replication.factor", "1")
          .setConfigProp("transaction.state.log.min.isr", "1")
          .setConfigProp("share.coordinator.state.topic.replication.factor", "1")
          .setConfigProp("share.coordinator.state.topic.min.isr", "1")
          .setConfigProp("group.initial.rebalance.delay.ms", "0")
          // Topics are part of the contract; a typo must fail, not create a topic.
          .setConfigProp("auto.create.topics.enable", "false")
          // The test kit turns unstable API versions on; clients must see what a released broker offers.
          .setConfigProp("unstable.api.versions.enable", "false")
          .setDeleteOnClose(true)
          .build();
      cluster.format();
      cluster.startup();
      cluster.waitForReadyBrokers();
      // bootstrapServers() names the host "localhost"; the broker is bound to 127.0.0.1.
      String bootstrap = cluster.bootstrapServers().replace("localhost:", LoopbackPorts.HOST + ":");
      createTopics(bootstrap, partitions);
      LOG.debug("Kafka started at {} in {} ms", bootstrap, (System.nanoTime() - begin) / 1_000_000);
      return new KafkaServer(cluster, bootstrap);
    } catch (IOException e) {
      closeQuietly(cluster);
      throw new UncheckedIOException("Kafka did not start", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closeQuietly(cluster);
      throw new IllegalStateException("interrupted while starting Kafka", e);
    } catch (Exception e) {
      closeQuietly(cluster);
      throw new IllegalStateException("Kafka did not start", e);
    }
  }

  /** The bootstrap servers, {@code 127.0.0.1:PORT}. */
  public String bootstrap() {
    return bootstrap;
  }

  /** Shuts the broker down and deletes its log and metadata directories. */
  @Override
  public void close() {
    try {
      cluster.close();
      LOG.debug("Kafka at {} stopped", bootstrap);
    } catch (Exception e) {
      LOG.warn("Kafka at {} did not stop cleanly", bootstrap, e);
    }
  }

  private static void createTopics(String bootstrap, int partitions) throws Exception {
    List<String> names = Arrays.asList(Topics.ALL);
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      List<NewTopic> topics = names.stream().map(name -> new NewTopic(name, partitions, (short) 1)).toList();
      admin.createTopics(topics).all().get(TOPIC_WAIT_MS, TimeUnit.MILLISECONDS);
      // Creation is acknowledged by the controller; wait until the broker serves every partition.
      long deadline = System.currentTimeMillis() + TOPIC_WAIT_MS;
      while (!served(admin, names, partitions)) {
        if (System.currentTimeMillis() > deadline) {
          throw new IllegalStateException("topics " + names + " have no leader after " + TOPIC_WAIT_MS + " ms");
        }
        Thread.sleep(20);
      }
    }
  }

  private static boolean served(Admin admin, List<String> names, int partitions) throws Exception {
    Map<String, TopicDescription> topics;
    try {
      topics = admin.describeTopics(names).allTopicNames().get(TOPIC_WAIT_MS, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UnknownTopicOrPartitionException) {
        return false; // the broker's metadata has not caught up with the controller yet
      }
      throw e;
    }
    return topics.values().stream().allMatch(topic -> topic.partitions().size() == partitions
        && topic.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty()));
  }

  private static void closeQuietly(KafkaClusterTestKit cluster) {
    if (cluster != null) {
      try {
        cluster.close();
      } catch (Exception e) {
        LOG.warn("Kafka test kit did not close after a failed start", e);
      }
    }
  }
}
