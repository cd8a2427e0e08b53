package io.holdfast.testkit;

import io.vertx.core.json.JsonObject;
import java.util.HashSet;
import java.util.Set;

/** Reading the seat map of an availability answer: each row's seats as a string of states. */
public final class SeatMaps {
  private SeatMaps() {}

  /**
   * The seat IDs ({@code SECTION-ROW-NUMBER}) the map shows as {@code state}: 'f' free, 'h'
   * held, 's' sold. General-admission sections have no rows and add nothing.
   */
  public static Set<String> seats(JsonObject availability, char state) {
    Set<String> seats = new HashSet<>();
    for (Object o : availability.getJsonArray("sections")) {
      JsonObject section = (JsonObject) o;
      if (section.getJsonArray("rows") == null) {
        continue;
      }
      for (Object r : section.getJsonArray("rows")) {
        JsonObject row = (JsonObject) r;
        String states = row.getString("seats");
        for (int k = 0; k < states.length(); k++) {
          if (states.charAt(k) == state) {
            seats.add(section.getString("sectionId") + "-" + row.getString("label") + "-"
                + (k + 1));
          }
        }
      }
    }
    return seats;
  }
}
