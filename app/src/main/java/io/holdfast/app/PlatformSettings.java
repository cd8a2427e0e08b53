package io.holdfast.app;

import io.holdfast.core.ReservationVerticle;
import io.holdfast.core.event.EventCatalog;
import io.holdfast.catalog.status.EventStatusVerticle;
import io.holdfast.edge.HttpEdgeVerticle;
import io.holdfast.edge.abuse.Limits;
import io.holdfast.edge.auth.Passwords;
import io.holdfast.edge.auth.TokenVerifier;
import io.holdfast.ledger.outbox.OutboxRelayVerticle;
import io.holdfast.support.jobs.HousekeepingVerticle;
import io.holdfast.payment.reconcile.Reconciler;
import io.holdfast.payment.reconcile.ReconcilerVerticle;
import io.holdfast.support.config.Settings;
import io.holdfast.support.payment.StripeSettings;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;

/** The launcher's own settings, on top of the shared ones in {@link Settings}. */
public final class PlatformSettings {
  private PlatformSettings() {}

  public static final String CLUSTER_NAME = "hazelcast.clusterName";
  public static final String HAZELCAST_HOST = "hazelcast.host";
  public static final String HAZELCAST_PORT = "hazelcast.port";
  public static final String HAZELCAST_MEMBERS = "hazelcast.members";
  public static final String GRID_QUORUM = "grid.quorum";
  public static final String GRID_BACKUPS = "grid.backups";
  public static final String GRID_HEARTBEAT_SECONDS = "grid.heartbeatSeconds";
  public static final String EDGE_INSTANCES = "edge.instances";
  public static final String CORE_INSTANCES = "core.instances";
  public static final String KAFKA_PARTITIONS = "kafka.partitions";
  public static final String SEED = "seed";
  public static final String JWT_PRIVATE_KEY_FILE = "jwt.privateKeyFile";
  public static final String JWT_PUBLIC_KEY_FILE = "jwt.publicKeyFile";
  public static final String JWT_PREVIOUS_KEYS_FILE = "jwt.previousKeysFile";
  /** development (the default) or production: see {@link Profile}. */
  public static final String PROFILE = "profile";

  /** Every environment variable the launcher reads, with what it means (for --help). */
  public static final Map<String, String[]> VARIABLES = new LinkedHashMap<>();

  static {
    var v = VARIABLES;
    v.put("HOLDFAST_PROFILE", new String[] {PROFILE, "development (the default: whatever is not configured below is embedded or generated, with demo data and simulated payments; one log line at start says which) or production (refuses to start, naming each reason, unless PostgreSQL, Kafka and Redis are given by URL, the token keys come from files, HOLDFAST_SEED is false, payments go through Stripe with a webhook secret, and HOLDFAST_MANAGEMENT_PORT is set)"});
    v.put("HOLDFAST_HTTP_HOST", new String[] {Settings.HTTP_HOST, "address the API binds to (127.0.0.1)"});
    v.put("HOLDFAST_HTTP_PORT", new String[] {Settings.HTTP_PORT, "API port (8080)"});
    v.put("HOLDFAST_MANAGEMENT_PORT", new String[] {HttpEdgeVerticle.MANAGEMENT_PORT, "port of /metrics and the detailed /health/ready, which then leave the API's port (/health/live stays on both); unset: everything on the API's port"});
    v.put("HOLDFAST_MANAGEMENT_HOST", new String[] {HttpEdgeVerticle.MANAGEMENT_HOST, "address the management port binds to (HOLDFAST_HTTP_HOST)"});
    v.put("HOLDFAST_PG_URL", new String[] {Settings.PG_URL, "postgresql://user:pass@host:port/db; unset: embedded PostgreSQL"});
    v.put("HOLDFAST_PG_POOL_SIZE", new String[] {Settings.PG_POOL_SIZE, "connections per verticle (8)"});
    v.put("HOLDFAST_KAFKA_BOOTSTRAP", new String[] {Settings.KAFKA_BOOTSTRAP, "host:port,...; unset: embedded Kafka"});
    v.put("HOLDFAST_KAFKA_PARTITIONS", new String[] {KAFKA_PARTITIONS, "partitions of the embedded broker's topics (4)"});
    v.put("HOLDFAST_REDIS_URL", new String[] {Settings.REDIS_URL, "redis://host:port; unset: embedded Redis"});
    v.put("HOLDFAST_JWT_PRIVATE_KEY_FILE", new String[] {JWT_PRIVATE_KEY_FILE, "PKCS#8 PEM of the token key; unset: a new key per start"});
    v.put("HOLDFAST_JWT_PUBLIC_KEY_FILE", new String[] {JWT_PUBLIC_KEY_FILE, "PEM of its public key"});
    v.put("HOLDFAST_JWT_PREVIOUS_KEYS_FILE", new String[] {JWT_PREVIOUS_KEYS_FILE, "JWKS of earlier public keys (each with its kid) whose tokens stay valid after a key rotation, e.g. the old /.well-known/jwks.json; none by default"});
    v.put("HOLDFAST_JWT_KID", new String[] {Settings.JWT_KID, "key ID in token headers (holdfast-1)"});
    v.put("HOLDFAST_JWT_ISSUER", new String[] {Settings.JWT_ISSUER, "token issuer (holdfast)"});
    v.put("HOLDFAST_JWT_AUDIENCE", new String[] {Settings.JWT_AUDIENCE, "token audience (holdfast-api)"});
    v.put("HOLDFAST_JWT_TTL_SECONDS", new String[] {Settings.JWT_TTL_SECONDS, "access token lifetime (900)"});
    v.put("HOLDFAST_REFRESH_TTL_SECONDS", new String[] {Settings.REFRESH_TTL_SECONDS, "refresh token lifetime (2592000: 30 days)"});
    v.put("HOLDFAST_PASSWORD_MEMORY_KIB", new String[] {Passwords.MEMORY_KIB, "Argon2id memory per password hash, KiB (19456: 19 MiB)"});
    v.put("HOLDFAST_PASSWORD_PASSES", new String[] {Passwords.PASSES, "Argon2id passes over that memory (2)"});
    v.put("HOLDFAST_PASSWORD_PARALLELISM", new String[] {Passwords.PARALLELISM, "Argon2id lanes (1)"});
    v.put("HOLDFAST_PASSWORD_WORKERS", new String[] {Passwords.WORKERS, "threads hashing passwords, a pool of their own (half the cores, at least 2)"});
    v.put("HOLDFAST_PASSWORD_MAX_WAITING", new String[] {Passwords.MAX_WAITING, "password hashes one edge verticle has running or queued at most; more are answered 503 sign-in-busy (200)"});
    v.put("HOLDFAST_TOKEN_CACHE_SIZE", new String[] {TokenVerifier.CACHE_SIZE, "verified access tokens each edge verticle remembers; the least recently used make room (200000)"});
    v.put("HOLDFAST_ORGANIZER_EMAILS", new String[] {OrganizerAccounts.EMAILS, "comma-separated emails of organizer accounts the platform creates at start if missing (registering one of them makes a buyer)"});
    v.put("HOLDFAST_ORGANIZER_PASSWORD_FILE", new String[] {OrganizerAccounts.PASSWORD_FILE, "file holding the initial password of the organizer accounts the platform creates"});
    v.put("HOLDFAST_MIN_HOLD_SECONDS", new String[] {HttpEdgeVerticle.MIN_HOLD_SECONDS, "smallest holdSeconds an event may set (60)"});
    v.put("HOLDFAST_SEAT_MAP_INTERVAL_MILLIS", new String[] {HttpEdgeVerticle.SEAT_MAP_INTERVAL_MILLIS, "how often a watched seat map is read from the core for its SSE viewers; changes of counts alone go out every other read (400)"});
    v.put("HOLDFAST_SEAT_MAP_MAX_FEEDS", new String[] {HttpEdgeVerticle.SEAT_MAP_MAX_FEEDS, "events each edge verticle keeps a live seat map of, watched or read for availability; past it a new stream is a 503 (1000)"});
    v.put("HOLDFAST_SEAT_MAP_MAX_VIEWERS", new String[] {HttpEdgeVerticle.SEAT_MAP_MAX_VIEWERS, "seat-map streams each edge verticle serves at once; past it a new one is a 503 (10000)"});
    v.put("HOLDFAST_AVAILABILITY_CACHE_MILLIS", new String[] {HttpEdgeVerticle.AVAILABILITY_CACHE_MILLIS, "how long readers of one event's availability share one answer; 0 never (250)"});
    v.put("HOLDFAST_READY_CACHE_MILLIS", new String[] {HttpEdgeVerticle.READY_CACHE_MILLIS, "how long one round of readiness probes answers every /health/ready call of an edge verticle (1000)"});
    v.put("HOLDFAST_BODY_LIMIT_BYTES", new String[] {HttpEdgeVerticle.BODY_LIMIT, "largest request body, events aside (65536)"});
    v.put("HOLDFAST_EVENT_BODY_LIMIT_BYTES", new String[] {HttpEdgeVerticle.EVENT_BODY_LIMIT, "largest event body, rows of seats included (2097152)"});
    v.put("HOLDFAST_REQUEST_TIMEOUT_MILLIS", new String[] {HttpEdgeVerticle.REQUEST_TIMEOUT_MILLIS, "a request not answered in this time gets a 503 to retry; streams aside (15000)"});
    v.put("HOLDFAST_CORS_ORIGINS", new String[] {HttpEdgeVerticle.CORS_ORIGINS, "comma-separated origins whose browsers may call the API (none)"});
    v.put("HOLDFAST_RATE_LIMITS", new String[] {Limits.ENABLED, "enforce the request budgets and the active-hold cap in Redis (true)"});
    v.put("HOLDFAST_RATE_USER_PER_MINUTE", new String[] {Limits.USER_PER_MINUTE, "requests a minute of one signed-in user, in bursts of as many (600)"});
    v.put("HOLDFAST_RATE_PARTNER_PER_MINUTE", new String[] {Limits.PARTNER_PER_MINUTE, "requests a minute of a partner without a limit of its own (6000)"});
    v.put("HOLDFAST_RATE_ANONYMOUS_PER_MINUTE", new String[] {Limits.ANONYMOUS_PER_MINUTE, "requests a minute of one address without a token (3000)"});
    v.put("HOLDFAST_RATE_SIGN_IN_PER_MINUTE", new String[] {Limits.SIGN_IN_PER_MINUTE, "failed logins, token and refresh requests a minute of one address (20)"});
    v.put("HOLDFAST_RATE_REGISTER_PER_MINUTE", new String[] {Limits.REGISTER_PER_MINUTE, "registrations a minute of one address (30)"});
    v.put("HOLDFAST_MAX_ACTIVE_HOLDS", new String[] {Limits.MAX_ACTIVE_HOLDS, "active holds one buyer may have of one event at once, 0 for no cap (10)"});
    v.put("HOLDFAST_TRUSTED_PROXIES", new String[] {Limits.TRUSTED_PROXIES, "proxies in front of the edge: the client address is that many hops from the right of X-Forwarded-For (0: the socket's peer)"});
    v.put("HOLDFAST_STRIPE_SECRET_KEY", new String[] {StripeSettings.SECRET_KEY, "Stripe secret key (sk_...): checkout creates PaymentIntents and refunds go through Stripe; unset: the simulated provider"});
    v.put("HOLDFAST_PAYMENT_PROVIDER", new String[] {StripeSettings.PROVIDER, "checkout's provider, stripe or simulated (stripe when a secret key is set, else simulated)"});
    v.put("HOLDFAST_STRIPE_WEBHOOK_SECRET", new String[] {StripeSettings.WEBHOOK_SECRET, "signing secret (whsec_...) of the endpoint /v1/payments/stripe/webhook; unset: webhooks are refused"});
    v.put("HOLDFAST_STRIPE_PUBLISHABLE_KEY", new String[] {StripeSettings.PUBLISHABLE_KEY, "publishable key (pk_...) handed to the UI with a checkout, for Stripe.js"});
    v.put("HOLDFAST_STRIPE_API_BASE", new String[] {StripeSettings.API_BASE, "base URL of Stripe's API (https://api.stripe.com)"});
    v.put("HOLDFAST_STRIPE_TIMEOUT_MILLIS", new String[] {StripeSettings.TIMEOUT_MILLIS, "connect and read timeout of one call to Stripe; stripe-java retries twice with the same idempotency key (10000)"});
    v.put("HOLDFAST_STRIPE_WORKER_POOL_SIZE", new String[] {StripeSettings.WORKER_POOL_SIZE, "threads of the pool Stripe's calls run on (each blocks one), apart from the default worker pool so other blocking work cannot delay checkouts and refunds (8)"});
    v.put("HOLDFAST_STRIPE_WEBHOOK_TOLERANCE_SECONDS", new String[] {StripeSettings.WEBHOOK_TOLERANCE_SECONDS, "how old a webhook's signed timestamp may be; one from more than 60 s ahead is refused too (300)"});
    v.put("HOLDFAST_OUTBOX_INTERVAL_MILLIS", new String[] {OutboxRelayVerticle.INTERVAL_MILLIS, "how often the outbox relay looks for events to publish to Kafka when idle (100)"});
    v.put("HOLDFAST_RECONCILE_INTERVAL_MILLIS", new String[] {ReconcilerVerticle.INTERVAL_MILLIS, "how often each node reconciles payments whose outcome never arrived (missed webhooks, intents unpaid past their hold); the first run comes 5 s after start; 0 turns it off on this node (60000)"});
    v.put("HOLDFAST_RECONCILE_GRACE_SECONDS", new String[] {Reconciler.GRACE_SECONDS, "how long a payment stays untouched before reconciliation looks at it, and before it looks at it again (120)"});
    v.put("HOLDFAST_HOUSEKEEPING_INTERVAL_MILLIS", new String[] {HousekeepingVerticle.INTERVAL_MILLIS, "how often each node deletes what is kept only for a while: outbox rows sent a day ago, webhook signatures a day old, sessions whose every token expired a day ago; 0 turns it off on this node (60000)"});
    v.put("HOLDFAST_RECONCILE_BATCH", new String[] {Reconciler.BATCH, "payments one reconciliation run claims at most (100)"});
    v.put("HOLDFAST_EVENT_STATUS_INTERVAL_MILLIS", new String[] {EventStatusVerticle.INTERVAL_MILLIS, "how often event statuses follow time and sales: ended, sold_out (5000)"});
    v.put("HOLDFAST_EVICT_AFTER_END_SECONDS", new String[] {EventCatalog.EVICT_AFTER_END_SECONDS, "how long after an event's end its inventory, holds and buyers' allowances stay in the grid (late refunds still return seats); then they are evicted and the event answers as over (86400)"});
    v.put("HOLDFAST_EVICT_INTERVAL_MILLIS", new String[] {ReservationVerticle.EVICT_INTERVAL_MILLIS, "how often each member looks for ended events to evict, a few per round; 0 turns it off on this member (60000)"});
    v.put("HOLDFAST_CLUSTER_NAME", new String[] {CLUSTER_NAME, "Hazelcast cluster name (holdfast)"});
    v.put("HOLDFAST_HAZELCAST_HOST", new String[] {HAZELCAST_HOST, "address the grid member binds to (127.0.0.1)"});
    v.put("HOLDFAST_HAZELCAST_PORT", new String[] {HAZELCAST_PORT, "first grid port to try (5701)"});
    v.put("HOLDFAST_HAZELCAST_MEMBERS", new String[] {HAZELCAST_MEMBERS, "comma-separated host:port seeds of other members"});
    v.put("HOLDFAST_GRID_QUORUM", new String[] {GRID_QUORUM, "data members a side of the grid needs to read or write inventory; a smaller side of a split answers holds 503 instead of selling, and a member's start waits for this many (1: no protection; 2 for three members)"});
    v.put("HOLDFAST_GRID_BACKUPS", new String[] {GRID_BACKUPS, "synchronous backups of each inventory entry: members that may die at once without losing it (1)"});
    v.put("HOLDFAST_GRID_HEARTBEAT_SECONDS", new String[] {GRID_HEARTBEAT_SECONDS, "how long a member that stopped answering stays in the grid before it is dropped and its partitions' backups take over (0: Hazelcast's 60)"});
    v.put("HOLDFAST_EDGE_INSTANCES", new String[] {EDGE_INSTANCES, "HTTP verticle instances (cores)"});
    v.put("HOLDFAST_CORE_INSTANCES", new String[] {CORE_INSTANCES, "reservation verticle instances (cores)"});
    v.put("HOLDFAST_SEED", new String[] {SEED, "create the demo accounts and event (true)"});
  }

  public static JsonObject fromEnvironment(Map<String, String> env) {
    JsonObject config = new JsonObject();
    VARIABLES.forEach((name, meaning) -> {
      String value = env.get(name);
      if (value != null && !value.isBlank()) {
        config.put(meaning[0], value.trim());
      }
    });
    return config;
  }
}
