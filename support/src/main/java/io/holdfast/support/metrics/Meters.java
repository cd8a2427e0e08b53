package io.holdfast.support.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.distribution.pause.NoPauseDetector;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.LocalMap;
import io.vertx.core.shareddata.Shareable;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.DoubleSupplier;
import java.util.function.ToDoubleFunction;

/**
 * The meters of one process, and the one place a module gets its own: a Micrometer registry
 * exposed in Prometheus' text format ({@link #scrape}). The launcher makes it with the process's
 * role as a tag every series carries, binds the JVM's and GC's meters, and attaches it to its
 * Vert.x instance; a verticle finds it with {@link #of(Vertx)} when it starts. Meters are asked
 * for once, at start, and kept in fields: nothing on a request's way looks a meter up or builds
 * tags. Names are written as Prometheus shows them ({@code holdfast_holds_total}); every series
 * is in docs/metrics.md.
 *
 * <p>A verticle deployed without the launcher (a module's tests) gets meters of its own Vert.x
 * instance, tagged {@code role="none"}, without the JVM's.
 */
public final class Meters implements Shareable, AutoCloseable {
  /** The content type of {@link #scrape()}: Prometheus' text format 0.0.4. */
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
  /** The tag every series carries: the launcher's role ({@code all, member, edge, worker}). */
  public static final String ROLE = "role";
  private static final String MAP = "holdfast.metrics";
  private static final String KEY = "meters";

  private final PrometheusMeterRegistry registry;
  private final List<AutoCloseable> binders;
  /** Gauges several owners contribute to, by name and tags. */
  private final ConcurrentMap<String, Combined> combined = new ConcurrentHashMap<>();

  private Meters(String role, boolean jvm) {
    registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    // Micrometer's default pause detector reads the clock once more per timing, for figures
    // Prometheus never shows.
    registry.config().pauseDetector(new NoPauseDetector()).commonTags(ROLE, role);
    if (!jvm) {
      binders = List.of();
      return;
    }
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    JvmGcMetrics gc = new JvmGcMetrics();
    gc.bindTo(registry);
    binders = List.of(gc);
  }

  /** A process's meters, tagged with its {@code role}, the JVM's and GC's bound. */
  public static Meters create(String role) {
    return new Meters(role, true);
  }

  /**
   * Makes {@code vertx}'s verticles find these meters; once per Vert.x instance, before the
   * first verticle is deployed.
   */
  public Meters attachTo(Vertx vertx) {
    if (map(vertx).putIfAbsent(KEY, this) != null) {
      throw new IllegalStateException("this Vert.x instance has its meters already");
    }
    return this;
  }

  /** The meters of the process {@code vertx} belongs to. */
  public static Meters of(Vertx vertx) {
    LocalMap<String, Meters> map = map(vertx);
    Meters meters = map.get(KEY);
    if (meters == null) {
      Meters own = new Meters("none", false);
      meters = map.putIfAbsent(KEY, own);
      meters = meters == null ? own : meters;
    }
    return meters;
  }

  private static LocalMap<String, Meters> map(Vertx vertx) {
    return vertx.sharedData().getLocalMap(MAP);
  }

  public MeterRegistry registry() {
    return registry;
  }

  /** The counter {@code name} (ending {@code _total}) with {@code tags} (key, value, ...). */
  public Counter counter(String name, String help, String... tags) {
    return Counter.builder(name).description(help).tags(tags).register(registry);
  }

  /**
   * The timer {@code name} (ending {@code _seconds}): a histogram with exactly the bucket
   * bounds {@code buckets} (its {@code _bucket{le}}, {@code _sum} and {@code _count}), and the
   * largest of the last minutes ({@code _max}).
   */
  public Timer timer(String name, String help, Duration[] buckets, String... tags) {
    return Timer.builder(name).description(help).tags(tags).serviceLevelObjectives(buckets)
        .register(registry);
  }

  /**
   * A gauge of {@code state} (kept: not collected while the meters live), read by
   * {@code value} at each scrape.
   */
  public <T> void gauge(String name, String help, T state, ToDoubleFunction<T> value,
      String... tags) {
    Gauge.builder(name, state, value).description(help).tags(tags).strongReference(true)
        .register(registry);
  }

  /**
   * A gauge whose value is the sum of what every owner contributes (one per verticle, for
   * example): {@code source} counts from now until the answer is closed.
   */
  public Source sum(String name, String help, DoubleSupplier source, String... tags) {
    return combined(name, help, false, tags).add(source);
  }

  /** A gauge whose value is the largest of its owners' {@code source}s (0 with none). */
  public Source max(String name, String help, DoubleSupplier source, String... tags) {
    return combined(name, help, true, tags).add(source);
  }

  private Combined combined(String name, String help, boolean max, String... tags) {
    return combined.computeIfAbsent(name + Tags.of(tags), key -> {
      Combined c = new Combined(max);
      gauge(name, help, c, Combined::value, tags);
      return c;
    });
  }

  /** Every series in Prometheus' text format ({@link #CONTENT_TYPE}). */
  public String scrape() {
    return registry.scrape();
  }

  @Override
  public void close() {
    for (AutoCloseable binder : binders) {
      try {
        binder.close();
      } catch (Exception e) {
        // Closing the GC's listeners cannot fail in a way that matters at shutdown.
      }
    }
    registry.close();
  }

  /** A contribution to a combined gauge; closing it takes it out. */
  public interface Source extends AutoCloseable {
    @Override
    void close();
  }

  /** The sources of one combined gauge; read on the scraper's thread. */
  private static final class Combined {
    private final boolean max;
    private final List<DoubleSupplier> sources = new CopyOnWriteArrayList<>();

    Combined(boolean max) {
      this.max = max;
    }

    Source add(DoubleSupplier source) {
      sources.add(source);
      return () -> sources.remove(source);
    }

    double value() {
      double value = 0;
      for (DoubleSupplier source : sources) {
        double v = source.getAsDouble();
        if (!Double.isNaN(v)) {
          value = max ? Math.max(value, v) : value + v;
        }
      }
      return value;
    }
  }
}
