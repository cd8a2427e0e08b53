package io.holdfast.edge.routes;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The published contract: {@code GET /v1/openapi.json}, the OpenAPI 3.1 document of every route
 * (the resource {@value #RESOURCE}). It is read once per JVM and sent as the same bytes to
 * everyone; {@code OpenApiContractTest} keeps it and the mounted routes in step.
 */
public final class OpenApiRoutes {
  public static final String PATH = "/v1/openapi.json";
  public static final String RESOURCE = "openapi.json";
  private static final Buffer DOCUMENT = load();

  public void mount(Router router) {
    router.get(PATH).handler(ctx -> ctx.response()
        .putHeader("Content-Type", "application/json")
        .putHeader("Cache-Control", "public, max-age=300")
        .end(DOCUMENT));
  }

  /** The document as it is served. */
  public static Buffer document() {
    return DOCUMENT;
  }

  private static Buffer load() {
    try (InputStream in = OpenApiRoutes.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the resource " + RESOURCE + " is missing");
      }
      return Buffer.buffer(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }
}
