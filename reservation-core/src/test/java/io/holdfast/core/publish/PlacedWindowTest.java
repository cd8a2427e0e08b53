package io.holdfast.core.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.contracts.hold.HoldKey;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The record of a window of placed holds")
class PlacedWindowTest {
  @Test
  @DisplayName("is the JSON the expiry-worker reads, with every hold ID and the latest expiry")
  void encodes() {
    PlacedWindow.Window w = new PlacedWindow.Window();
    JsonArray ids = new JsonArray();
    for (int i = 0; i < 3; i++) {
      String id = HoldKey.next(i).toString();
      w.holdIds.add(id);
      ids.add(id);
    }
    w.expiresAt = 1_800_000_000_123L;
    JsonObject record = new JsonObject(PlacedWindow.encode("ev\"il", w));
    assertThat(record).isEqualTo(new JsonObject().put("type", "holds.placed")
        .put("eventId", "ev\"il").put("expiresAt", 1_800_000_000_123L).put("holdIds", ids));
  }
}
