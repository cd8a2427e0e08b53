package io.holdfast.testkit.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;

/** What every refusal of the API must look like: problem+json with the status and type given. */
public final class ProblemAssert {
  private ProblemAssert() {}

  public static void assertProblem(HttpResponse<Buffer> r, int status, String type) {
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(status);
    assertThat(r.getHeader("Content-Type")).isEqualTo("application/problem+json");
    JsonObject problem = r.bodyAsJsonObject();
    assertThat(problem.getString("type")).isEqualTo("https://holdfast.dev/problems/" + type);
    assertThat(problem.getInteger("status")).isEqualTo(status);
    assertThat(problem.getString("title")).isNotBlank();
    assertThat(problem.getString("detail")).isNotBlank();
  }
}
