package io.holdfast.notify;

import io.vertx.core.json.JsonObject;
import java.util.Objects;

/**
 * One mail owed to someone: which template, to whom, and the values the template fills in.
 * {@code dedupKey} names the reason it is owed ("order-confirmed:&lt;order ID&gt;"); a second
 * mail with the same key is not enqueued.
 */
public record Mail(String dedupKey, String template, String recipient, JsonObject data) {
  public Mail {
    Objects.requireNonNull(dedupKey, "dedupKey");
    Objects.requireNonNull(template, "template");
    Objects.requireNonNull(recipient, "recipient");
    data = data == null ? new JsonObject() : data;
  }
}
