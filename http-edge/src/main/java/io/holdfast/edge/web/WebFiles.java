package io.holdfast.edge.web;

import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/**
 * The web app's built files ({@code webapp/} on the classpath, from the {@code web} module),
 * read once into memory with a gzipped copy of each text file. Under a drop a page load costs
 * a map lookup and a buffer write: no file system, no compression per request.
 */
public final class WebFiles {
  /** Where the {@code web} module's build puts the files. */
  static final String ROOT = "webapp";
  private static final Map<String, String> TYPES = Map.ofEntries(
      Map.entry("html", "text/html; charset=utf-8"),
      Map.entry("js", "text/javascript; charset=utf-8"),
      Map.entry("css", "text/css; charset=utf-8"),
      Map.entry("svg", "image/svg+xml"),
      Map.entry("json", "application/json"),
      Map.entry("webmanifest", "application/manifest+json"),
      Map.entry("txt", "text/plain; charset=utf-8"),
      Map.entry("png", "image/png"),
      Map.entry("ico", "image/x-icon"),
      Map.entry("woff2", "font/woff2"));
  private static final List<String> COMPRESSIBLE = List.of("html", "js", "css", "svg", "json",
      "webmanifest", "txt");

  /** One file: its bytes, the gzipped bytes when smaller, its type and a strong ETag. */
  public record WebFile(String path, Buffer bytes, Buffer gzipped, String type, String etag) {
    /** A page, which carries the pages' Content-Security-Policy. */
    public boolean html() {
      return type.startsWith("text/html");
    }
  }

  /** Read once per process: the files never change while it runs, and are read-only. */
  private static WebFiles loaded;
  private final Map<String, WebFile> files;

  private WebFiles(Map<String, WebFile> files) {
    this.files = files;
  }

  /** The files on the classpath; none when the web app was not built into it. */
  public static synchronized WebFiles load() {
    if (loaded == null) {
      loaded = read();
    }
    return loaded;
  }

  private static WebFiles read() {
    URL index = WebFiles.class.getClassLoader().getResource(ROOT + "/index.html");
    if (index == null) {
      return new WebFiles(Map.of());
    }
    try {
      String url = index.toString();
      int bang = url.indexOf("!/");
      if (url.startsWith("jar:") && bang > 0) {
        // jar:file:/…/web.jar!/webapp/index.html: read the folder inside the jar.
        try (FileSystem jar = FileSystems.newFileSystem(URI.create(url.substring(0, bang)),
            Map.of())) {
          return new WebFiles(read(jar.getPath("/" + ROOT)));
        }
      }
      return new WebFiles(read(Path.of(index.toURI()).getParent()));
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the web app's files", e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, WebFile> read(Path root) throws IOException {
    Map<String, WebFile> files = new HashMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path file : walk.filter(Files::isRegularFile).toList()) {
        String path = "/" + root.relativize(file).toString().replace('\\', '/');
        files.put(path, file(path, Files.readAllBytes(file)));
      }
    }
    return Map.copyOf(files);
  }

  static WebFile file(String path, byte[] bytes) {
    String extension = path.substring(path.lastIndexOf('.') + 1);
    byte[] gzipped = COMPRESSIBLE.contains(extension) ? gzip(bytes) : null;
    return new WebFile(path, Buffer.buffer(bytes),
        gzipped != null && gzipped.length < bytes.length ? Buffer.buffer(gzipped) : null,
        TYPES.getOrDefault(extension, "application/octet-stream"), "\"" + sha256(bytes) + "\"");
  }

  /** The file at {@code path} (as requested, leading slash), or null. */
  public WebFile get(String path) {
    return files.get(path);
  }

  public boolean built() {
    return files.containsKey("/index.html");
  }

  /** Every file, for the benchmark and the tests that weigh a first load. */
  public Map<String, WebFile> all() {
    return files;
  }

  private static byte[] gzip(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 3 + 64);
    try (GZIPOutputStream gz = new GZIPOutputStream(out) {
      {
        def.setLevel(9);
      }
    }) {
      gz.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

}
