package io.holdfast.load;

import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Seat-map viewers: opens N Server-Sent Event connections (default 5,000) to the events' live
 * seat maps on one selector thread, waits until each has its first map, prints {@code READY},
 * then for {@code --measure} seconds sends probe holds ({@link SeatMapProbes}) and measures how
 * soon and how completely every viewer hears of them; prints one {@code RESULT} line and exits.
 * Bounded in time: connecting gives up after {@code --connect-seconds}. Loopback only in the
 * benchmark; each connection is a file descriptor, so {@code ulimit -n} must exceed N here and
 * in the server.
 */
public final class SeatMapViewers {
  private SeatMapViewers() {}

  private static final String USAGE = """
      Usage: SeatMapViewers [--key=value ...]
        --base=URL             the API (http://127.0.0.1:8080)
        --events=ID,ID | --events-file=PATH   events to watch; viewers are spread over them
        --viewers=N            connections (5000)
        --connect-rate=N       new connections a second (1000)
        --connect-seconds=S    give up connecting after S seconds (120)
        --measure=S            seconds of probes and measurement after READY (20)
        --tail=S               seconds after the last probe for its news to land (3)
        --probe-ms=MS          one probe hold every MS ms, events in turn (250; 0: none)
        --tokens=PATH          buyer tokens for the probes (the benchmark's token file)
      """;

  public static void main(String[] args) throws Exception {
    java.util.Map<String, String> o = new java.util.HashMap<>();
    for (String arg : args) {
      if (arg.equals("--help") || arg.equals("-h") || !arg.startsWith("--")
          || !arg.contains("=")) {
        System.out.print(USAGE);
        System.exit(arg.equals("--help") || arg.equals("-h") ? 0 : 2);
      }
      o.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
    }
    String base = o.getOrDefault("base", "http://127.0.0.1:8080");
    List<String> events = o.containsKey("events-file")
        ? Files.readAllLines(Path.of(o.get("events-file"))).stream()
            .filter(s -> !s.isBlank()).toList()
        : Arrays.asList(o.getOrDefault("events", "").split(","));
    int n = Integer.parseInt(o.getOrDefault("viewers", "5000"));
    int rate = Integer.parseInt(o.getOrDefault("connect-rate", "1000"));
    long connectNanos = Long.parseLong(o.getOrDefault("connect-seconds", "120")) * 1_000_000_000L;
    long measureNanos = Long.parseLong(o.getOrDefault("measure", "20")) * 1_000_000_000L;
    long tailNanos = Long.parseLong(o.getOrDefault("tail", "3")) * 1_000_000_000L;
    List<String> tokens = o.containsKey("tokens")
        ? Files.readAllLines(Path.of(o.get("tokens"))) : List.of();
    SeatMapProbes probes = new SeatMapProbes(base, events, tokens,
        Long.parseLong(o.getOrDefault("probe-ms", "250")));
    new SeatMapViewers.Run(URI.create(base), events, n, rate, probes)
        .run(connectNanos, measureNanos, tailNanos);
  }

  private static final class Run implements SseViewer.Listener {
    private final String host;
    private final int port;
    private final List<String> events;
    private final SseViewer[] viewers;
    private final int rate;
    private final SeatMapProbes probes;
    private int connected;
    private boolean measuring;

    Run(URI base, List<String> events, int n, int rate, SeatMapProbes probes) {
      this.host = base.getHost();
      this.port = base.getPort() < 0 ? 80 : base.getPort();
      this.events = events;
      this.viewers = new SseViewer[n];
      this.rate = rate;
      this.probes = probes;
    }

    @Override
    public void event(SseViewer v, byte[] prefix, int length, long nanos) {
      if (!v.ready && v.availability > 0) {
        v.ready = true;
        connected++;
      }
      if (measuring) {
        int held = SeatMapProbes.probeCount(prefix, length);
        for (int k = v.probesSeen + 1; k <= held; k++) {
          probes.delivered(v.eventIndex, k, nanos);
        }
        v.probesSeen = Math.max(v.probesSeen, held);
      }
    }

    void run(long connectNanos, long measureNanos, long tailNanos) throws Exception {
      Selector selector = Selector.open();
      ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 18);
      long began = System.nanoTime();
      int opened = 0;
      long readyAt = 0;
      long cpuAtReady = 0;
      long bytesAtReady = 0;
      while (true) {
        long now = System.nanoTime();
        long allowed = Math.min(viewers.length, 1 + (now - began) * rate / 1_000_000_000L);
        while (opened < allowed && readyAt == 0) {
          open(selector, opened++);
        }
        selector.select(10);
        long at = System.nanoTime();
        for (SelectionKey key : selector.selectedKeys()) {
          SseViewer v = (SseViewer) key.attachment();
          try {
            if (key.isConnectable()) {
              v.channel.finishConnect();
              v.channel.write(ByteBuffer.wrap(SseViewer.request(host, port,
                  events.get(v.eventIndex))));
              key.interestOps(SelectionKey.OP_READ);
            } else if (key.isReadable()) {
              buffer.clear();
              int read = v.channel.read(buffer);
              if (read < 0) {
                v.closed = true;
                key.cancel();
              } else {
                buffer.flip();
                v.consume(buffer, at);
              }
            }
          } catch (java.io.IOException e) {
            v.fail(e.toString());
            key.cancel();
          }
        }
        selector.selectedKeys().clear();
        now = System.nanoTime();
        if (readyAt == 0 && opened == viewers.length
            && (connected == viewers.length || now - began > connectNanos)) {
          readyAt = now;
          cpuAtReady = cpu();
          bytesAtReady = bytes();
          measuring = true;
          System.out.printf(Locale.ROOT, "READY viewers=%d connected=%d seconds=%.1f%n",
              viewers.length, connected, (now - began) / 1e9);
          System.out.flush();
          probes.start(readyAt + measureNanos, UUID.randomUUID().toString().substring(0, 8));
        } else if (readyAt == 0 && now - began > connectNanos + 10_000_000_000L) {
          System.out.println("READY never: " + connected + " of " + viewers.length);
          break;
        }
        if (readyAt != 0 && now - readyAt > measureNanos + tailNanos) {
          break;
        }
      }
      long end = System.nanoTime();
      probes.stop();
      report(readyAt, end, cpuAtReady, bytesAtReady, readyAt + measureNanos);
      for (SseViewer v : viewers) {
        if (v != null) {
          v.channel.close();
        }
      }
      selector.close();
    }

    private void open(Selector selector, int i) throws java.io.IOException {
      SocketChannel channel = SocketChannel.open();
      channel.configureBlocking(false);
      channel.setOption(java.net.StandardSocketOptions.TCP_NODELAY, true);
      SseViewer v = new SseViewer(i, i % events.size(), channel, this);
      viewers[i] = v;
      channel.connect(new InetSocketAddress(host, port));
      channel.register(selector, SelectionKey.OP_CONNECT, v);
    }

    private long bytes() {
      long b = 0;
      for (SseViewer v : viewers) {
        b += v == null ? 0 : v.bytes;
      }
      return b;
    }

    private static long cpu() {
      return ((com.sun.management.OperatingSystemMXBean)
          ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private void report(long readyAt, long end, long cpuAtReady, long bytesAtReady,
        long lastProbeAt) {
      double seconds = Math.max(1e-9, (end - readyAt) / 1e9);
      int[] changes = Arrays.stream(viewers).filter(v -> v != null && v.availability > 0)
          .mapToInt(v -> v.changes).sorted().toArray();
      int open = 0;
      int resyncs = 0;
      List<String> failures = new ArrayList<>();
      for (SseViewer v : viewers) {
        if (v == null) {
          continue;
        }
        open += v.closed ? 0 : 1;
        resyncs += Math.max(0, v.availability - 1);
        if (v.failure != null && failures.size() < 3) {
          failures.add(v.failure);
        }
      }
      // Deliveries expected: every viewer of an event that got its first map, for every probe
      // to that event sent before the last probe moment.
      long expected = 0;
      long delivered = 0;
      int[] viewersOf = new int[events.size()];
      for (SseViewer v : viewers) {
        if (v != null && v.availability > 0) {
          viewersOf[v.eventIndex]++;
        }
      }
      for (int e = 0; e < events.size(); e++) {
        int sent = probes.probesBefore(e, lastProbeAt);
        expected += (long) sent * viewersOf[e];
        delivered += probes.deliveredOf(e, sent);
      }
      double[] ages = probes.agesMillis();
      double[] spreads = probes.spreadsMillis();
      double mb = (bytes() - bytesAtReady) / 1e6;
      System.out.printf(Locale.ROOT, "%d viewers of %d event(s); probe failures %d %s; "
          + "viewer failures %s%n", viewers.length, events.size(), probes.failures,
          probes.lastFailure, failures);
      System.out.printf(Locale.ROOT,
          "RESULT viewers=%d connected=%d open=%d seconds=%.1f changes_min=%d changes_p50=%d "
              + "changes_max=%d resyncs=%d mb=%.1f mb_per_s=%.1f probes=%d expected=%d "
              + "delivered=%d delivered_pct=%.2f age_p50=%.0f age_p99=%.0f age_max=%.0f "
              + "spread_p50=%.0f spread_max=%.0f driver_cpu_pct=%.0f%n",
          viewers.length, connected, open, seconds, at(changes, 0), at(changes, 0.5),
          at(changes, 1), resyncs, mb, mb / seconds, probes.sentCount(), expected, delivered,
          expected == 0 ? 0 : 100.0 * delivered / expected, at(ages, 0.5), at(ages, 0.99),
          at(ages, 1), at(spreads, 0.5), at(spreads, 1),
          100.0 * (cpu() - cpuAtReady) / 1e9 / seconds);
    }

    private static int at(int[] sorted, double q) {
      return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, q * sorted.length)];
    }

    private static double at(double[] sorted, double q) {
      return sorted.length == 0 ? 0
          : sorted[(int) Math.min(sorted.length - 1, q * sorted.length)];
    }
  }
}
