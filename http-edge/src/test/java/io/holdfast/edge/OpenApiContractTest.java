package io.holdfast.edge;

import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.contracts.problem.Problem;
import io.holdfast.edge.abuse.Limits;
import io.holdfast.edge.auth.Authenticator;
import io.holdfast.edge.idempotency.Idempotent;
import io.holdfast.edge.routes.Edge;
import io.holdfast.edge.routes.OpenApiRoutes;
import io.holdfast.support.metrics.Meters;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The published contract ({@code GET /v1/openapi.json}) and the edge agree: every route the
 * router mounts is in the document and every operation of the document is mounted, every
 * problem type the sources can answer is described with its status, and the document itself
 * is sound (OpenAPI 3.1, every {@code $ref} resolves, unique operation IDs). Needs no database:
 * the router is built by {@link HttpEdgeVerticle#routes} with clients that are never used.
 */
@DisplayName("OpenAPI contract")
class OpenApiContractTest {
  /**
   * Operations the document describes that are being built on other branches and are not
   * mounted here yet. Remove each one when its branch is merged (the test fails on an entry
   * that is mounted, so none can linger); the set is meant to end up empty.
   */
  private static final Set<String> PENDING = Set.of();

  /**
   * Problem types the document describes that no source answers yet, for the same reason
   * (the accounts, check-in and abuse-limit work). Remove each when its code is merged.
   */
  private static final Set<String> PENDING_PROBLEM_TYPES = Set.of();

  /** The modules whose problems reach HTTP clients (the core's through the hold routes). */
  private static final List<String> PROBLEM_SOURCES = List.of(
      "http-edge/src/main/java", "contracts/src/main/java", "reservation-core/src/main/java",
      "catalog/src/main/java", "accounts/src/main/java", "ledger/src/main/java",
      "documents/src/main/java");

  private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete",
      "patch", "head", "options", "trace");
  private static final Pattern PROBLEM_OF =
      Pattern.compile("Problem\\.of\\(\\s*(\\d{3})\\s*,\\s*\"([^\"]+)\"");
  private static final Pattern CONFLICT = Pattern.compile("Problems\\.conflict\\(\\s*\"([^\"]+)\"");
  private static final Pattern PATH_PARAM = Pattern.compile(":([A-Za-z0-9_]+)");

  private static Vertx vertx;
  private static JsonObject spec;

  @BeforeAll
  static void load() throws IOException {
    vertx = Vertx.vertx();
    try (InputStream in = OpenApiContractTest.class.getClassLoader()
        .getResourceAsStream(OpenApiRoutes.RESOURCE)) {
      assertThat(in).as("the resource " + OpenApiRoutes.RESOURCE).isNotNull();
      spec = new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  @AfterAll
  static void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /**
   * The real router, mounted with an edge whose clients (and stores) are never used; other
   * tests of what every route does use it too ({@code RequestIdTest}).
   */
  static Router router(Vertx vertx) {
    Limits limits = new Limits(null, new JsonObject(), Meters.of(vertx));
    Edge edge = new Edge(vertx, new JsonObject(), new Authenticator(null), null, null,
        new Idempotent(null, limits, 15_000), limits, null, null, null, null, null, null, null,
        60, null, null);
    return HttpEdgeVerticle.routes(edge, null, null, new JsonObject());
  }

  @Test
  @DisplayName("the document is OpenAPI 3.1.0 with a title, a version and paths")
  void isOpenApi31() {
    assertThat(spec.getString("openapi")).isEqualTo("3.1.0");
    assertThat(spec.getJsonObject("info").getString("title")).isNotBlank();
    assertThat(spec.getJsonObject("info").getString("version")).isNotBlank();
    assertThat(spec.getJsonObject("paths")).isNotEmpty();
  }

  @Test
  @DisplayName("every mounted route is in the document, and every operation is mounted")
  void routesAndSpecAgree() {
    Set<String> mounted = new TreeSet<>();
    List<String> unreadable = new ArrayList<>();
    for (Route route : router(vertx).getRoutes()) {
      Set<HttpMethod> methods = route.methods();
      if (methods == null || methods.isEmpty()) {
        continue; // body handlers, headers, the catch-all 404: no operation of their own
      }
      if (route.getPath() == null) {
        unreadable.add(methods + " " + (route.isRegexPath() ? "regex " : "") + route.getName());
        continue;
      }
      String path = PATH_PARAM.matcher(route.getPath()).replaceAll("{$1}");
      methods.forEach(m -> mounted.add(m.name() + " " + path));
    }
    Set<String> described = operations().keySet();

    Set<String> undocumented = new TreeSet<>(mounted);
    undocumented.removeAll(described);
    Set<String> unmounted = new TreeSet<>(described);
    unmounted.removeAll(mounted);
    unmounted.removeAll(PENDING);
    Set<String> pendingButMounted = new TreeSet<>(PENDING);
    pendingButMounted.retainAll(mounted);
    Set<String> pendingButUndescribed = new TreeSet<>(PENDING);
    pendingButUndescribed.removeAll(described);

    List<String> differences = new ArrayList<>();
    undocumented.forEach(op -> differences.add("mounted but not in the spec: " + op));
    unmounted.forEach(op -> differences.add("in the spec but not mounted: " + op));
    pendingButMounted.forEach(op -> differences.add("mounted now, remove from PENDING: " + op));
    pendingButUndescribed.forEach(op -> differences.add("in PENDING but not in the spec: " + op));
    unreadable.forEach(r -> differences.add("a route without a plain path cannot be checked: "
        + r));
    assertThat(differences).as("differences between the router and openapi.json").isEmpty();
    assertThat(mounted).as("the comparison saw the routes").contains("GET /v1/openapi.json",
        "POST /v1/events/{eventId}/holds");
  }

  @Test
  @DisplayName("every $ref resolves")
  void everyRefResolves() {
    List<String> refs = new ArrayList<>();
    collectRefs(spec, refs);
    assertThat(refs).isNotEmpty();
    List<String> broken = refs.stream().filter(ref -> resolve(ref) == null).distinct().toList();
    assertThat(broken).as("$refs that resolve to nothing").isEmpty();
  }

  @Test
  @DisplayName("every operation has a unique operationId, responses, and path parameters "
      + "for its path's placeholders")
  void operationsAreComplete() {
    Map<String, String> ids = new HashMap<>();
    List<String> problems = new ArrayList<>();
    operations().forEach((op, operation) -> {
      String id = operation.getString("operationId");
      String first = id == null ? null : ids.putIfAbsent(id, op);
      if (id == null || id.isBlank()) {
        problems.add(op + " has no operationId");
      } else if (first != null) {
        problems.add(op + " repeats the operationId " + id + " of " + first);
      }
      JsonObject responses = operation.getJsonObject("responses");
      if (responses == null || responses.isEmpty()) {
        problems.add(op + " has no responses");
      }
      String path = op.substring(op.indexOf(' ') + 1);
      Set<String> declared = new TreeSet<>();
      JsonArray pathLevel = spec.getJsonObject("paths").getJsonObject(path)
          .getJsonArray("parameters", new JsonArray());
      JsonArray opLevel = operation.getJsonArray("parameters", new JsonArray());
      Stream.concat(pathLevel.stream(), opLevel.stream())
          .map(p -> (JsonObject) deref(p))
          .filter(p -> "path".equals(p.getString("in")))
          .forEach(p -> declared.add(p.getString("name")));
      Set<String> placeholders = new TreeSet<>();
      Matcher m = Pattern.compile("\\{([^}]+)}").matcher(path);
      while (m.find()) {
        placeholders.add(m.group(1));
      }
      if (!placeholders.equals(declared)) {
        problems.add(op + " declares path parameters " + declared + " for " + placeholders);
      }
    });
    assertThat(problems).isEmpty();
  }

  @Test
  @DisplayName("every problem type the sources answer is in the spec with its status, and "
      + "the spec has none they do not")
  void problemTypesAgree() throws IOException {
    Map<String, Set<Integer>> inSources = problemTypesInSources();
    assertThat(inSources).as("problem types found in the sources").containsKeys("not-found",
        "validation", "seats-unavailable");
    Map<String, Integer> inSpec = problemTypesInSpec();

    List<String> differences = new ArrayList<>();
    inSources.forEach((slug, statuses) -> {
      Integer described = inSpec.get(slug);
      if (described == null) {
        differences.add("answered by the sources but not in the spec: " + slug + " " + statuses);
      } else if (!statuses.equals(Set.of(described))) {
        differences.add(slug + " is " + statuses + " in the sources but " + described
            + " in the spec");
      }
    });
    inSpec.keySet().stream()
        .filter(slug -> !inSources.containsKey(slug) && !PENDING_PROBLEM_TYPES.contains(slug))
        .forEach(slug -> differences.add("in the spec but answered by no source: " + slug));
    PENDING_PROBLEM_TYPES.stream().filter(inSources::containsKey)
        .forEach(slug -> differences.add("answered now, remove from PENDING_PROBLEM_TYPES: "
            + slug));
    PENDING_PROBLEM_TYPES.stream().filter(slug -> !inSpec.containsKey(slug))
        .forEach(slug -> differences.add("in PENDING_PROBLEM_TYPES but not in the spec: "
            + slug));
    assertThat(differences).as("differences between the sources' problems and openapi.json")
        .isEmpty();
  }

  @Test
  @DisplayName("each problem response lists problem types of its own status, and every "
      + "problem type is answered somewhere")
  void problemResponsesMatchTheirStatus() {
    Map<String, Integer> inSpec = problemTypesInSpec();
    Set<String> answered = new TreeSet<>();
    List<String> problems = new ArrayList<>();
    operations().forEach((op, operation) -> operation.getJsonObject("responses")
        .forEach(entry -> {
          JsonObject response = (JsonObject) deref(entry.getValue());
          JsonObject content = response.getJsonObject("content", new JsonObject());
          JsonObject problem = content.getJsonObject("application/problem+json");
          if (problem == null) {
            return;
          }
          for (String slug : slugsOf(problem.getValue("schema"))) {
            answered.add(slug);
            if (!entry.getKey().equals("default")
                && !entry.getKey().equals(String.valueOf(inSpec.get(slug)))) {
              problems.add(op + " answers " + slug + " (" + inSpec.get(slug) + ") as "
                  + entry.getKey());
            }
          }
        }));
    Set<String> unanswered = new TreeSet<>(inSpec.keySet());
    unanswered.removeAll(answered);
    unanswered.forEach(slug -> problems.add("no operation answers " + slug));
    assertThat(problems).isEmpty();
  }

  @Test
  @DisplayName("every answer of every operation declares the X-Request-Id header, and every "
      + "path takes it as an optional request header")
  void requestIdEverywhere() {
    List<String> missing = new ArrayList<>();
    spec.getJsonObject("paths").forEach(path -> {
      JsonObject item = (JsonObject) path.getValue();
      boolean takesIt = item.getJsonArray("parameters", new JsonArray()).stream()
          .map(p -> (JsonObject) deref(p))
          .anyMatch(p -> "header".equals(p.getString("in"))
              && "X-Request-Id".equals(p.getString("name")) && !p.getBoolean("required", false));
      if (!takesIt) {
        missing.add(path.getKey() + " does not take X-Request-Id");
      }
    });
    operations().forEach((op, operation) -> operation.getJsonObject("responses")
        .forEach(entry -> {
          JsonObject response = (JsonObject) deref(entry.getValue());
          if (!response.getJsonObject("headers", new JsonObject()).containsKey("X-Request-Id")) {
            missing.add(op + " " + entry.getKey() + " does not declare X-Request-Id");
          }
        }));
    assertThat(missing).isEmpty();
  }

  @Test
  @DisplayName("GET /v1/openapi.json serves the document as JSON, to anyone")
  void served() throws Exception {
    HttpServer server = vertx.createHttpServer().requestHandler(router(vertx))
        .listen(0, "127.0.0.1")
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    WebClient client = WebClient.create(vertx);
    try {
      HttpResponse<Buffer> response = client.get(server.actualPort(), "127.0.0.1",
          OpenApiRoutes.PATH).send().toCompletionStage().toCompletableFuture()
          .get(10, TimeUnit.SECONDS);
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.getHeader("Content-Type")).isEqualTo("application/json");
      assertThat(response.getHeader("Cache-Control")).startsWith("public");
      assertThat(response.bodyAsJsonObject()).isEqualTo(spec);
    } finally {
      client.close();
      server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  /** {@code "METHOD /path"} to the operation, for every operation of the document. */
  private static Map<String, JsonObject> operations() {
    Map<String, JsonObject> operations = new TreeMap<>();
    spec.getJsonObject("paths").forEach(path -> ((JsonObject) path.getValue()).forEach(op -> {
      if (HTTP_METHODS.contains(op.getKey())) {
        operations.put(op.getKey().toUpperCase() + " " + path.getKey(), (JsonObject) op.getValue());
      }
    }));
    return operations;
  }

  /** Problem slug to status, from the schemas whose {@code type} is a constant problem URI. */
  private static Map<String, Integer> problemTypesInSpec() {
    Map<String, Integer> types = new TreeMap<>();
    spec.getJsonObject("components").getJsonObject("schemas").forEach(entry -> {
      String slug = slugOf((JsonObject) entry.getValue());
      if (slug != null) {
        JsonObject properties = ((JsonObject) entry.getValue()).getJsonObject("properties");
        JsonObject status = properties.getJsonObject("status");
        Integer code = status == null ? null : status.getInteger("const");
        assertThat(code).as(entry.getKey() + " has a constant status").isNotNull();
        assertThat(types.put(slug, code)).as(slug + " is described once").isNull();
      }
    });
    return types;
  }

  private static String slugOf(JsonObject schema) {
    JsonObject properties = schema.getJsonObject("properties");
    JsonObject type = properties == null ? null : properties.getJsonObject("type");
    Object value = type == null ? null : type.getValue("const");
    return value instanceof String uri && uri.startsWith(Problem.TYPE_BASE)
        ? uri.substring(Problem.TYPE_BASE.length()) : null;
  }

  /** The problem types a response schema names, through {@code $ref}s and {@code oneOf}s. */
  private static Set<String> slugsOf(Object schema) {
    Set<String> slugs = new TreeSet<>();
    JsonObject s = (JsonObject) deref(schema);
    String slug = slugOf(s);
    if (slug != null) {
      slugs.add(slug);
    }
    for (String combinator : List.of("oneOf", "anyOf")) {
      s.getJsonArray(combinator, new JsonArray()).forEach(alt -> slugs.addAll(slugsOf(alt)));
    }
    return slugs;
  }

  /** Problem slug to the statuses the main sources give it. */
  private static Map<String, Set<Integer>> problemTypesInSources() throws IOException {
    Path root = Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
        .toAbsolutePath().getParent();
    Map<String, Set<Integer>> types = new TreeMap<>();
    for (String dir : PROBLEM_SOURCES) {
      Path sources = root.resolve(dir);
      assertThat(sources).as("the sources of " + dir).isDirectory();
      List<Path> files;
      try (Stream<Path> walk = Files.walk(sources)) {
        files = walk.filter(p -> p.toString().endsWith(".java")).toList();
      }
      for (Path file : files) {
        String text = Files.readString(file);
        Matcher of = PROBLEM_OF.matcher(text);
        while (of.find()) {
          types.computeIfAbsent(of.group(2), k -> new TreeSet<>())
              .add(Integer.parseInt(of.group(1)));
        }
        Matcher conflict = CONFLICT.matcher(text);
        while (conflict.find()) {
          types.computeIfAbsent(conflict.group(1), k -> new TreeSet<>()).add(409);
        }
      }
    }
    return types;
  }

  private static void collectRefs(Object node, List<String> refs) {
    if (node instanceof JsonObject object) {
      object.forEach(entry -> {
        if (entry.getKey().equals("$ref") && entry.getValue() instanceof String ref) {
          refs.add(ref);
        } else {
          collectRefs(entry.getValue(), refs);
        }
      });
    } else if (node instanceof JsonArray array) {
      array.forEach(item -> collectRefs(item, refs));
    }
  }

  /** What a local {@code $ref} ({@code #/a/b}) points to, or null. */
  private static Object resolve(String ref) {
    if (!ref.startsWith("#/")) {
      return null;
    }
    Object node = spec;
    for (String part : ref.substring(2).split("/")) {
      String key = part.replace("~1", "/").replace("~0", "~");
      if (!(node instanceof JsonObject object) || !object.containsKey(key)) {
        return null;
      }
      node = object.getValue(key);
    }
    return node;
  }

  /** The node itself, or what its {@code $ref} points to. */
  private static Object deref(Object node) {
    if (node instanceof JsonObject object && object.getValue("$ref") instanceof String ref) {
      Object target = resolve(ref);
      assertThat(target).as(ref).isNotNull();
      return deref(target);
    }
    return node;
  }
}
