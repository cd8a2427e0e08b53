package io.holdfast.edge.seatmap;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Changes between two seat maps")
class SeatMapDiffTest {
  private static JsonObject map(int held, String row1, String row2) {
    return new JsonObject().put("eventId", "e").put("capacity", 20).put("available", 20 - held)
        .put("held", held).put("sold", 0).put("sections", new JsonArray()
            .add(new JsonObject().put("sectionId", "G").put("kind", "general")
                .put("capacity", 5).put("available", 5).put("held", 0).put("sold", 0))
            .add(new JsonObject().put("sectionId", "A").put("kind", "reserved")
                .put("capacity", 20).put("available", 20 - held).put("held", held)
                .put("sold", 0).put("rows", new JsonArray()
                    .add(new JsonObject().put("label", "1").put("seats", row1))
                    .add(new JsonObject().put("label", "2").put("seats", row2)))));
  }

  @Test
  @DisplayName("nothing changed is no message; a few seats go seat by seat, a busy row whole")
  void seatsAndRows() {
    JsonObject before = map(0, "ffffffffff", "ffffffffff");
    assertThat(SeatMapDiff.between(before, map(0, "ffffffffff", "ffffffffff"))).isNull();
    JsonObject changes = SeatMapDiff.between(before, map(7, "ffhhffffff", "hhhhhfffff"));
    assertThat(changes.getInteger("held")).isEqualTo(7);
    JsonArray sections = changes.getJsonArray("sections");
    assertThat(sections).as("the general section did not change").hasSize(1);
    JsonObject a = sections.getJsonObject(0);
    assertThat(a.getString("sectionId")).isEqualTo("A");
    assertThat(a.getJsonObject("seats").getMap()).containsOnlyKeys("A-1-3", "A-1-4");
    assertThat(a.getJsonObject("rows").getMap()).containsExactly(
        java.util.Map.entry("2", "hhhhhfffff"));
  }
}
