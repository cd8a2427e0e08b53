package io.holdfast.load;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

/**
 * The ceiling of the benchmark: a bare Vert.x server that reads the request body and answers a
 * small JSON object, one instance per core. Nothing Holdfast does can be faster on this box.
 * Usage: {@code CeilingServer [port]} (default 8090), bound to 127.0.0.1.
 */
public final class CeilingServer extends VerticleBase {
  private static final Buffer BODY = new JsonObject().put("holdId", "00000000-0000-0000-0000")
      .put("status", "active").put("quantity", 1).toBuffer();

  @Override
  public Future<?> start() {
    int port = config().getInteger("port", 8090);
    return vertx.createHttpServer().requestHandler(req -> req.body().onComplete(ar ->
            req.response().setStatusCode(201).putHeader("Content-Type", "application/json")
                .end(BODY)))
        .listen(port, "127.0.0.1");
  }

  public static void main(String[] args) {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 8090;
    Vertx vertx = Vertx.vertx();
    vertx.deployVerticle(CeilingServer::new, new DeploymentOptions()
            .setInstances(Runtime.getRuntime().availableProcessors())
            .setConfig(new JsonObject().put("port", port)))
        .onSuccess(id -> System.out.println("Ceiling server on http://127.0.0.1:" + port))
        .onFailure(t -> {
          t.printStackTrace();
          System.exit(1);
        });
  }
}
