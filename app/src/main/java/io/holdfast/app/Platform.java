package io.holdfast.app;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.holdfast.accounts.AccountTokens;
import io.holdfast.core.ReservationVerticle;
import io.holdfast.core.grid.GridConfig;
import io.holdfast.core.grid.GridMeters;
import io.holdfast.core.grid.GridShape;
import io.holdfast.catalog.status.EventStatusVerticle;
import io.holdfast.edge.HttpEdgeVerticle;
import io.holdfast.core.restore.InventoryRestoreVerticle;
import io.holdfast.edge.auth.RsaKeys;
import io.holdfast.expiry.ExpiryWorkerVerticle;
import io.holdfast.infra.Infrastructure;
import io.holdfast.payment.PaymentWorkerVerticle;
import io.holdfast.ledger.outbox.Outbox;
import io.holdfast.ledger.ticket.TicketCodes;
import io.holdfast.support.crypto.PlatformKey;
import io.holdfast.ledger.outbox.OutboxRelayVerticle;
import io.holdfast.ledger.payment.StripeEventRepository;
import io.holdfast.accounts.RefreshTokenRepository;
import io.holdfast.notify.Mailbox;
import io.holdfast.notify.events.MailEventsVerticle;
import io.holdfast.notify.send.MailSenderVerticle;
import io.holdfast.support.jobs.HousekeepingVerticle;
import io.holdfast.payment.reconcile.InventoryAuditVerticle;
import io.holdfast.payment.reconcile.ReconcilerVerticle;
import io.holdfast.support.config.Setting;
import io.holdfast.support.config.Settings;
import io.holdfast.support.db.Database;
import io.holdfast.support.metrics.EventLoopDelay;
import io.holdfast.support.metrics.Meters;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One process of Holdfast, running what its {@link Role} runs: in one JVM ({@link Role#ALL}),
 * infrastructure (embedded unless configured), a grid member and every verticle. The launcher
 * and the end-to-end tests both start it through here.
 */
public final class Platform implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Platform.class);
  /** The member attribute vertx-hazelcast names its node by. */
  private static final String VERTX_NODE_ID = "__vertx.nodeId";

  /** What housekeeping deletes, each declared by the module that owns the table. */
  static final List<HousekeepingVerticle.Chore> CHORES = List.of(Outbox.SENT_ROWS,
      StripeEventRepository.OLD_SIGNATURES, RefreshTokenRepository.EXPIRED_SESSIONS,
      AccountTokens.EXPIRED, Mailbox.SENT_MAIL);

  /** {@link #CHORES}, and signing the tickets a crash left without a code. */
  static List<HousekeepingVerticle.Chore> chores(Vertx v, JsonObject config) {
    List<HousekeepingVerticle.Chore> all = new ArrayList<>(CHORES);
    all.add(TicketCodes.chore(v, PlatformKey.of(config)));
    return all;
  }

  // The launcher's own settings; PlatformSettings lists them with everyone else's.
  static final Setting CLUSTER_NAME = Setting.text("HOLDFAST_CLUSTER_NAME",
      "hazelcast.clusterName", "holdfast", "Hazelcast cluster name");
  static final Setting HAZELCAST_HOST = Setting.text("HOLDFAST_HAZELCAST_HOST", "hazelcast.host",
      "127.0.0.1", "address the grid member and the event bus bind to, and the others reach this "
      + "process at; a host name is resolved once at start (in a compose network, the "
      + "service's own name)");
  static final Setting HAZELCAST_PORT = Setting.number("HOLDFAST_HAZELCAST_PORT",
      "hazelcast.port", 5701, "first grid port to try");
  static final Setting HAZELCAST_MEMBERS = Setting.none("HOLDFAST_HAZELCAST_MEMBERS",
      "hazelcast.members", null, "comma-separated host:port seeds of the other members; without "
      + "seeds a member is a grid of its own and joins nobody, so two launchers on one box stay "
      + "apart");
  static final Setting HAZELCAST_SERVICE_DNS = Setting.none("HOLDFAST_HAZELCAST_SERVICE_DNS",
      "hazelcast.serviceDns", null, "a DNS name that resolves to the members' addresses (in "
      + "Kubernetes, their headless Service); each is tried on HOLDFAST_HAZELCAST_PORT. Instead "
      + "of HOLDFAST_HAZELCAST_MEMBERS: the seeds follow the members' number without a list to "
      + "keep, and no access to the Kubernetes API is needed (see kubernetes.md)");
  static final Setting EVENT_BUS_PORT = Setting.number("HOLDFAST_EVENT_BUS_PORT",
      "eventBus.port", 0, "port of the clustered event bus, on which edges, workers and members "
      + "send one another requests and replies (0: a free port chosen at start); fix it where "
      + "a network policy opens ports one by one");
  static final Setting GRID_QUORUM = Setting.number("HOLDFAST_GRID_QUORUM", "grid.quorum", 1,
      "data members a side of the grid needs to read or write inventory; a smaller side of a "
      + "split answers holds 503 instead of selling, and a member's start waits for this many "
      + "(1: no protection; 2 for three members, see cluster.md)");
  static final Setting GRID_BACKUPS = Setting.number("HOLDFAST_GRID_BACKUPS", "grid.backups", 1,
      "synchronous backups of each inventory entry: members that may die at once without "
      + "losing it (the cost of a second one is measured in BENCHMARKS.md)");
  static final Setting GRID_HEARTBEAT_SECONDS = Setting.number("HOLDFAST_GRID_HEARTBEAT_SECONDS",
      "grid.heartbeatSeconds", 0, "how long a member that stopped answering stays in the grid "
      + "before it is dropped and its partitions' backups take over, seconds (0: Hazelcast's "
      + "60)");
  static final Setting EDGE_INSTANCES = Setting.none("HOLDFAST_EDGE_INSTANCES", "edge.instances",
      "number of cores", "HTTP verticle instances");
  static final Setting CORE_INSTANCES = Setting.none("HOLDFAST_CORE_INSTANCES", "core.instances",
      "number of cores", "reservation verticle instances");
  static final Setting KAFKA_PARTITIONS = Setting.number("HOLDFAST_KAFKA_PARTITIONS",
      "kafka.partitions", 4, "partitions of the embedded broker's topics");
  static final Setting SEED = Setting.flag("HOLDFAST_SEED", "seed", true,
      "create the demo accounts and event");
  static final Setting JWT_PRIVATE_KEY_FILE = Setting.none("HOLDFAST_JWT_PRIVATE_KEY_FILE",
      "jwt.privateKeyFile", "a new key per start",
      "PKCS#8 PEM file of the RSA key that signs access tokens");
  static final Setting JWT_PUBLIC_KEY_FILE = Setting.none("HOLDFAST_JWT_PUBLIC_KEY_FILE",
      "jwt.publicKeyFile", null, "X.509 PEM file of its public key");
  static final Setting JWT_PREVIOUS_KEYS_FILE = Setting.none("HOLDFAST_JWT_PREVIOUS_KEYS_FILE",
      "jwt.previousKeysFile", null, "a JWKS ({\"keys\": [...]}, RSA keys with their kids, "
      + "e.g. a saved /.well-known/jwks.json) of earlier public keys whose tokens stay valid "
      + "after a key rotation");

  private final Infrastructure infrastructure;
  private final HazelcastInstance hazelcast;
  private final Vertx vertx;
  private final JsonObject config;
  private final Map<String, String> demo;
  private final Meters meters;

  private Platform(Infrastructure infrastructure, HazelcastInstance hazelcast, Vertx vertx,
      JsonObject config, Map<String, String> demo, Meters meters) {
    this.infrastructure = infrastructure;
    this.hazelcast = hazelcast;
    this.vertx = vertx;
    this.config = config;
    this.demo = demo;
    this.meters = meters;
  }

  /** The whole platform in this JVM ({@link Role#ALL}). */
  public static Platform start(JsonObject settings) throws Exception {
    return start(settings, Role.ALL);
  }

  /**
   * Starts what {@code role} runs and waits until it serves; fails fast with the reason. First
   * of all the profile checks the settings ({@link Profile.Refused} before anything starts).
   */
  public static Platform start(JsonObject settings, Role role) throws Exception {
    Profile.check(settings, role);
    long began = System.nanoTime();
    // Only a process that sends mail catches it (Profile refuses a worker without SMTP).
    Infrastructure infrastructure = Infrastructure.start(settings,
        KAFKA_PARTITIONS.integer(settings), role.runsJobs());
    JsonObject config = withKeys(infrastructure.config(), role);
    HazelcastInstance hazelcast = null;
    Vertx vertx = null;
    // One registry per process, every series tagged with the role (docs/metrics.md).
    Meters meters = Meters.create(role.cliName());
    try {
      String address = gridAddress(config);
      Config grid = GridConfig.node(
          CLUSTER_NAME.string(config),
          address,
          HAZELCAST_PORT.integer(config),
          list(HAZELCAST_MEMBERS.string(config, "")),
          new GridShape(!role.holdsData(), GRID_QUORUM.integer(config),
              GRID_BACKUPS.integer(config),
              GRID_HEARTBEAT_SECONDS.integer(config)));
      String serviceDns = HAZELCAST_SERVICE_DNS.string(config);
      if (serviceDns != null) {
        GridConfig.joinByDns(grid, serviceDns.trim(), HAZELCAST_PORT.integer(config));
      }
      if (role.clustered()) {
        // Vert.x's cluster manager, given an instance of ours, finds its node by this attribute.
        grid.getMemberAttributeConfig().setAttribute(VERTX_NODE_ID, UUID.randomUUID().toString());
      }
      hazelcast = Hazelcast.newHazelcastInstance(grid);
      GridMeters.register(meters, hazelcast);
      vertx = vertx(config, hazelcast, role, address);
      meters.attachTo(vertx);
      Map<String, String> demo = deploy(vertx, hazelcast, config, role)
          .await(120, TimeUnit.SECONDS);
      LOG.info("Holdfast {} started in {} ms", role.cliName(),
          (System.nanoTime() - began) / 1_000_000);
      return new Platform(infrastructure, hazelcast, vertx, config, demo, meters);
    } catch (Exception | Error e) {
      if (vertx != null) {
        vertx.close().await(30, TimeUnit.SECONDS);
      }
      if (hazelcast != null) {
        hazelcast.shutdown();
      }
      infrastructure.close();
      meters.close();
      throw e;
    }
  }

  /**
   * One event loop per core: core and edge verticles pair up on each loop (see CoreClient), and
   * no more threads compete for the cores than there are cores. A process of a cluster shares
   * its event bus with the others through the grid it joined.
   */
  private static Vertx vertx(JsonObject config, HazelcastInstance hazelcast, Role role,
      String address)
      throws Exception {
    VertxOptions options = new VertxOptions()
        .setEventLoopPoolSize(Runtime.getRuntime().availableProcessors());
    if (!role.clustered()) {
      return Vertx.vertx(options);
    }
    options.getEventBusOptions()
        .setHost(address)
        .setPort(EVENT_BUS_PORT.integer(config));
    return Vertx.builder().with(options)
        .withClusterManager(new HazelcastClusterManager(hazelcast))
        .buildClustered().await(60, TimeUnit.SECONDS);
  }

  /**
   * {@link #HAZELCAST_HOST} as an address: Hazelcast's interface and Vert.x's event bus take
   * one, and a container on a network of its own knows its name, not its address.
   */
  static String gridAddress(JsonObject config) {
    String host = HAZELCAST_HOST.string(config).trim();
    try {
      return InetAddress.getByName(host).getHostAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("HOLDFAST_HAZELCAST_HOST " + host + " is no address "
          + "and does not resolve to one", e);
    }
  }

  /** Deploys the verticles of {@code role}; the demo's logins when this process seeded it. */
  private static Future<Map<String, String>> deploy(Vertx v, HazelcastInstance member,
      JsonObject config, Role role) {
    int cores = Runtime.getRuntime().availableProcessors();
    // Read here, off the event loops: it may read the initial password's file.
    OrganizerAccounts organizers = role.servesApi() ? new OrganizerAccounts(v, config) : null;
    // A probe timer on every event loop: how late they run.
    Future<?> ready = v.deployVerticle(EventLoopDelay::new, options(config, cores));
    if (!role.servesApi() && !HttpEdgeVerticle.MANAGEMENT_PORT.blank(config)) {
      // Members and workers have no API: their probes and metrics get a server of their own,
      // first, so that probes reach it while the rest starts (a member's rebuild of the
      // inventory may take minutes); it says not ready until all of it has. An edge serves
      // its own.
      ready = ready.compose(ignored -> v.deployVerticle(
          () -> new ManagementVerticle(role, member), options(config, 1)));
    }
    ready = ready.compose(ignored -> Database.migrate(v, config));
    if (role.holdsData()) {
      ready = ready.compose(ignored -> v.deployVerticle(() -> new ReservationVerticle(member),
          options(config, CORE_INSTANCES.integer(config, cores))));
    }
    if (role.runsJobs()) {
      ready = ready
          .compose(ignored -> v.deployVerticle(PaymentWorkerVerticle::new, options(config, 1)))
          .compose(ignored -> v.deployVerticle(OutboxRelayVerticle::new, options(config, 1)))
          .compose(ignored -> v.deployVerticle(ReconcilerVerticle::new, options(config, 1)))
          .compose(ignored -> v.deployVerticle(InventoryAuditVerticle::new, options(config, 1)))
          .compose(ignored -> v.deployVerticle(() -> new HousekeepingVerticle(chores(v, config)),
              options(config, 1)))
          .compose(ignored -> v.deployVerticle(ExpiryWorkerVerticle::new, options(config, 1)))
          .compose(ignored -> v.deployVerticle(MailEventsVerticle::new, options(config, 1)))
          .compose(ignored -> v.deployVerticle(MailSenderVerticle::new, options(config, 1)));
    }
    if (role.holdsData()) {
      // After the core, which serves its loads; before the API, which serves nothing until
      // the inventory is back.
      ready = ready.compose(ignored ->
          v.deployVerticle(InventoryRestoreVerticle::new, options(config, 1)));
    }
    if (role.servesApi()) {
      // Before the API serves anyone, so a listed address cannot be registered first.
      ready = ready.compose(ignored -> organizers.provision())
          .compose(ignored -> v.deployVerticle(HttpEdgeVerticle::new,
              options(config, EDGE_INSTANCES.integer(config, cores))));
    }
    if (role.runsJobs()) {
      ready = ready.compose(ignored ->
          v.deployVerticle(EventStatusVerticle::new, options(config, 1)));
    }
    boolean seed = role.servesApi()
        && SEED.bool(config);
    return ready.compose(ignored -> seed ? new DemoData(v, config).seed()
            : Future.succeededFuture((Map<String, String>) null))
        .onSuccess(ignored -> ManagementVerticle.started(v));
  }

  /**
   * Uses the configured token keys, or makes a key pair for this run; and the earlier public
   * keys whose tokens are still accepted.
   */
  private static JsonObject withKeys(JsonObject config, Role role) throws IOException {
    JsonObject c = config.copy();
    String privateFile = JWT_PRIVATE_KEY_FILE.string(c);
    if (privateFile != null) {
      c.put(Settings.JWT_PRIVATE_KEY, Files.readString(Path.of(privateFile)));
      c.put(Settings.JWT_PUBLIC_KEY, Files.readString(Path.of(
          JWT_PUBLIC_KEY_FILE.required(c))));
    } else if (!c.containsKey(Settings.JWT_PRIVATE_KEY) && role.servesApi()) {
      KeyPair pair = RsaKeys.generate();
      c.put(Settings.JWT_PRIVATE_KEY, RsaKeys.privatePem(pair));
      c.put(Settings.JWT_PUBLIC_KEY, RsaKeys.publicPem(pair));
      LOG.info("No token key configured: generated one for this run (tokens end with it)");
    }
    String previousFile = JWT_PREVIOUS_KEYS_FILE.string(c);
    if (previousFile != null) {
      c.put(Settings.JWT_PREVIOUS_KEYS, Files.readString(Path.of(previousFile)));
    }
    return c;
  }

  private static DeploymentOptions options(JsonObject config, int instances) {
    return new DeploymentOptions().setConfig(config).setInstances(Math.max(1, instances));
  }

  private static List<String> list(String csv) {
    return Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  public Vertx vertx() {
    return vertx;
  }

  public HazelcastInstance hazelcast() {
    return hazelcast;
  }

  public JsonObject config() {
    return config;
  }

  public Map<String, String> demo() {
    return demo;
  }

  /** Where the embedded SMTP server lists the mail it caught; null when mail goes out for real. */
  public String mailInboxUrl() {
    return config.getString(Settings.MAIL_INBOX_URL);
  }

  public String baseUrl() {
    return "http://" + Settings.HTTP_HOST.string(config) + ":" + Settings.HTTP_PORT.integer(config);
  }

  @Override
  public void close() {
    try {
      vertx.close().await(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.warn("Vert.x did not close cleanly", e);
    }
    hazelcast.shutdown();
    infrastructure.close();
    meters.close();
  }
}
