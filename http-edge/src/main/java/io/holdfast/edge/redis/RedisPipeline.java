package io.holdfast.edge.redis;

import io.holdfast.support.batch.TurnBatcher;
import io.holdfast.support.config.Settings;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetSocket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Redis connection per verticle, pipelined: the commands an event loop issues in one turn
 * go out in one write, and Redis answers them in one read. Compared with a pool that sends
 * every command on its own, Redis spends a fraction of the CPU per command, and so does the
 * edge. Each command gets its own reply: an error reply fails that command only, since Redis
 * ran the others (vertx-redis-client's batch fails them all, so this pipeline speaks the few
 * lines of RESP it needs itself). A lost connection is opened again by the next commands; while
 * Redis cannot be reached, commands fail at once and a new connection is tried once a second.
 *
 * <p>Connects as {@code redis://[[user]:password@]host[:port][/db]}, or {@code rediss://} over
 * TLS; it sends {@code AUTH} and {@code SELECT} as the URL asks before anything else.
 */
public final class RedisPipeline {
  private static final Logger LOG = LoggerFactory.getLogger(RedisPipeline.class);
  /** The most commands one write carries; Redis answers them in order. */
  static final int MAX_BATCH = 512;
  /** After a failed connect, commands fail at once for this long instead of trying again. */
  static final long RECONNECT_PAUSE_MILLIS = 1000;
  /** The most commands sent and not answered yet; past it new ones fail (memory stays bounded). */
  static final int MAX_IN_FLIGHT = 65_536;
  private static final byte[] CRLF = {'\r', '\n'};

  /** Commands of one turn and the promises of their answers. */
  private record Batch(List<String[]> commands, List<Promise<String>> promises) {}

  private final NetClient net;
  private final String host;
  private final int port;
  /** What is sent first on every new connection (AUTH, SELECT); empty when nothing is. */
  private final List<String[]> handshake;
  private final TurnBatcher<String[], String> batcher;
  /** The open connection, ready for commands; null while there is none. */
  private NetSocket connection;
  /** The answers the open connection owes, in the order it owes them. */
  private final ArrayDeque<Promise<String>> waiting = new ArrayDeque<>();
  private final Consumer<Object> answer = this::answer;
  private RespReader reader;
  /** The connection being opened (its handshake under way); null when none is. */
  private NetSocket greeting;
  /** Batches waiting for a connection to open; non-null while one is opening. */
  private List<Batch> connecting;
  private Throwable lastFailure;
  private long retryAt;

  /** {@code url}: where Redis is (see the class comment). */
  public RedisPipeline(Vertx vertx, String url) {
    String problem = problem(url);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    URI uri = URI.create(url);
    boolean tls = "rediss".equals(uri.getScheme());
    this.host = uri.getHost().startsWith("[")
        ? uri.getHost().substring(1, uri.getHost().length() - 1) : uri.getHost();
    this.port = uri.getPort() > 0 ? uri.getPort() : 6379;
    this.handshake = handshake(uri);
    this.net = vertx.createNetClient(new NetClientOptions().setTcpNoDelay(true)
        .setConnectTimeout(2000).setSsl(tls).setHostnameVerificationAlgorithm(tls ? "HTTPS" : ""));
    this.batcher = new TurnBatcher<>(vertx.getOrCreateContext(), MAX_BATCH, this::send);
  }

  /**
   * What is wrong with {@code HOLDFAST_REDIS_URL}, checked before anything starts: null when it
   * is fine or unset. Never repeats the URL, which may carry a password.
   */
  public static String problem(JsonObject config) {
    return Settings.REDIS_URL.blank(config) ? null
        : problem(Settings.REDIS_URL.string(config).trim());
  }

  /** What is wrong with a Redis URL, without repeating it; null when nothing. */
  private static String problem(String url) {
    String why;
    try {
      URI uri = new URI(url);
      String path = uri.getPath() == null ? "" : uri.getPath();
      if (!"redis".equals(uri.getScheme()) && !"rediss".equals(uri.getScheme())) {
        why = "it starts with redis:// or rediss://";
      } else if (uri.getHost() == null) {
        why = "it names no host, or its port is not a number";
      } else if (path.length() > 1 && !path.substring(1).matches("\\d{1,5}")) {
        why = "the database after the host is a number";
      } else {
        return null;
      }
    } catch (URISyntaxException e) {
      why = "it is not a URL";
    }
    return Settings.REDIS_URL.variable() + " is malformed: " + why
        + "; write it as redis://[[user]:password@]host[:port][/db], or rediss://... over TLS";
  }

  private static List<String[]> handshake(URI uri) {
    List<String[]> first = new ArrayList<>();
    String userInfo = uri.getRawUserInfo();
    if (userInfo != null && !userInfo.isEmpty()) {
      int colon = userInfo.indexOf(':');
      String user = colon < 0 ? "" : decode(userInfo.substring(0, colon));
      String password = decode(colon < 0 ? userInfo : userInfo.substring(colon + 1));
      first.add(user.isEmpty() ? new String[] {"AUTH", password}
          : new String[] {"AUTH", user, password});
    }
    String path = uri.getPath();
    if (path != null && path.length() > 1) {
      first.add(new String[] {"SELECT", String.valueOf(Integer.parseInt(path.substring(1)))});
    }
    return first;
  }

  private static String decode(String part) {
    return URLDecoder.decode(part, StandardCharsets.UTF_8);
  }

  /**
   * Sends a command ({@code "SET", key, value, ...}) with the others of this turn; completes
   * with its reply as text (nil: null), or fails with Redis's error reply to it.
   */
  public Future<String> send(String... command) {
    return batcher.add(command);
  }

  private void send(List<String[]> commands, List<Promise<String>> promises) {
    Batch batch = new Batch(commands, promises);
    if (connection != null) {
      write(connection, batch);
    } else if (System.currentTimeMillis() < retryAt) {
      promises.forEach(p -> p.tryFail(lastFailure));
    } else if (connecting != null) {
      connecting.add(batch);
    } else {
      connecting = new ArrayList<>(List.of(batch));
      connect();
    }
  }

  /** Encodes the batch into one buffer, written at once; its answers are owed in order. */
  private void write(NetSocket to, Batch batch) {
    if (waiting.size() + batch.promises().size() > MAX_IN_FLIGHT) {
      IllegalStateException full = new IllegalStateException("Redis is not keeping up: "
          + waiting.size() + " commands await their answers");
      batch.promises().forEach(p -> p.tryFail(full));
      return;
    }
    Buffer out = Buffer.buffer(256 * batch.commands().size());
    for (String[] command : batch.commands()) {
      out.appendByte((byte) '*').appendString(Integer.toString(command.length)).appendBytes(CRLF);
      for (String arg : command) {
        byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
        out.appendByte((byte) '$').appendString(Integer.toString(bytes.length)).appendBytes(CRLF)
            .appendBytes(bytes).appendBytes(CRLF);
      }
    }
    waiting.addAll(batch.promises());
    to.write(out);
  }

  private void received(NetSocket from, Buffer chunk) {
    try {
      reader.feed(chunk, answer);
    } catch (RuntimeException e) {
      // The stream cannot be followed any more: no later reply could be matched to its command.
      lost(from, e);
    }
  }

  /** Completes the oldest command waiting with {@code reply}, its own answer. */
  private void answer(Object reply) {
    Promise<String> owed = waiting.poll();
    if (owed == null) {
      throw new IllegalStateException("Redis sent a reply nothing waits for");
    } else if (reply instanceof RespReader.ErrorReply error) {
      owed.tryFail(error);
    } else {
      owed.tryComplete((String) reply);
    }
  }

  private void connect() {
    net.connect(port, host).compose(this::greet).onComplete(ar -> {
      List<Batch> ready = connecting;
      connecting = null;
      greeting = null;
      if (ar.failed()) {
        LOG.warn("Could not connect to Redis ({}); trying again in {} ms",
            ar.cause().toString(), RECONNECT_PAUSE_MILLIS);
        lastFailure = ar.cause();
        retryAt = System.currentTimeMillis() + RECONNECT_PAUSE_MILLIS;
        ready.forEach(b -> b.promises().forEach(p -> p.tryFail(ar.cause())));
        return;
      }
      connection = ar.result();
      ready.forEach(b -> write(connection, b));
    });
  }

  /** Reads the new connection's replies from now on and sends the handshake, if any. */
  private Future<NetSocket> greet(NetSocket socket) {
    failWaiting(new IllegalStateException("Redis connection lost"));
    reader = new RespReader();
    greeting = socket;
    socket.handler(chunk -> received(socket, chunk));
    socket.exceptionHandler(t -> lost(socket, t));
    socket.closeHandler(v -> lost(socket, null));
    if (handshake.isEmpty()) {
      return Future.succeededFuture(socket);
    }
    List<Promise<String>> answers = new ArrayList<>();
    for (int i = 0; i < handshake.size(); i++) {
      answers.add(Promise.promise());
    }
    write(socket, new Batch(handshake, answers));
    return Future.all(answers.stream().map(Promise::future).toList()).map(socket)
        .onFailure(t -> socket.close());
  }

  private void lost(NetSocket which, Throwable cause) {
    if (connection == which || greeting == which) {
      if (connection == which) {
        connection = null;
        LOG.warn("Redis connection lost{}; the next commands open a new one",
            cause == null ? "" : ": " + cause);
      }
      // Whatever was sent and not answered will never be: its callers learn it now.
      failWaiting(cause != null ? cause : new IllegalStateException("Redis connection lost"));
      which.close();
    }
  }

  private void failWaiting(Throwable failure) {
    Promise<String> owed;
    while ((owed = waiting.poll()) != null) {
      owed.tryFail(failure);
    }
  }

  /** Closes the connection; commands still owed an answer fail. */
  public Future<Void> close() {
    NetSocket open = connection;
    connection = null;
    retryAt = Long.MAX_VALUE;
    lastFailure = new IllegalStateException("the Redis pipeline is closed");
    failWaiting(lastFailure);
    return (open == null ? Future.<Void>succeededFuture() : open.close()).eventually(net::close);
  }
}
