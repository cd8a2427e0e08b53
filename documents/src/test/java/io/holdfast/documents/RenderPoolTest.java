package io.holdfast.documents;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("The render pool")
class RenderPoolTest {
  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  @DisplayName("renders on its own named worker threads, never on the caller's")
  void rendersOnItsWorkers(Vertx vertx) throws Exception {
    RenderPool pool = RenderPool.create(vertx, new JsonObject());
    String thread = await(pool.render(() -> Future.succeededFuture(
        () -> Thread.currentThread().getName())));
    assertThat(thread).startsWith(RenderPool.POOL);
    assertThat(pool.waiting()).isZero();
  }

  @Test
  @DisplayName("past its bound a render is refused at once with Busy, its data never read; places come back when renders end or fail")
  void boundedAndRefusesAtOnce(Vertx vertx) throws Exception {
    RenderPool pool = RenderPool.create(vertx, new JsonObject()
        .put(RenderPool.MAX_WAITING.key(), 2).put(RenderPool.WORKERS.key(), 1));
    List<Promise<Callable<String>>> reads = new ArrayList<>();
    List<Future<String>> renders = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      Promise<Callable<String>> read = Promise.promise();
      reads.add(read);
      renders.add(pool.render(read::future));
    }
    boolean[] readThird = {false};
    Future<String> third = pool.render(() -> {
      readThird[0] = true;
      return Future.succeededFuture(() -> "never");
    });
    assertThat(third.failed()).isTrue();
    assertThat(third.cause()).isInstanceOf(RenderPool.Busy.class);
    assertThat(readThird[0]).isFalse();
    assertThat(pool.waiting()).isEqualTo(2);

    reads.get(0).complete(() -> "first");
    reads.get(1).fail(new IllegalStateException("not found"));
    assertThat(await(renders.get(0))).isEqualTo("first");
    assertThat(renders.get(1).failed()).isTrue();
    assertThat(pool.waiting()).isZero();
    Callable<String> again = () -> "again";
    String answered = await(pool.render(() -> Future.succeededFuture(again)));
    assertThat(answered).isEqualTo("again");
  }
}
