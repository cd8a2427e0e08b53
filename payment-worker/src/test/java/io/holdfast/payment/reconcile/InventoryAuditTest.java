package io.holdfast.payment.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.contracts.core.Availability;
import io.holdfast.contracts.core.SectionKind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The inventory audit's comparison of the grid with PostgreSQL")
class InventoryAuditTest {

  @Test
  @DisplayName("finds nothing when every section adds up and sold what PostgreSQL has live tickets for")
  void addsUp() {
    Availability grid = grid(section("GA", 10, 4, 3, 3), section("B", 5, 5, 0, 0));
    assertThat(InventoryAudit.mismatch(grid, Map.of("GA", 3))).isNull();
  }

  @Test
  @DisplayName("names a section whose held, sold and available do not make its capacity")
  void countsOff() {
    Availability grid = grid(section("GA", 10, 4, 3, 2));
    assertThat(InventoryAudit.mismatch(grid, Map.of("GA", 2)))
        .isEqualTo("section GA: held 3 + sold 2 + available 4 != capacity 10");
  }

  @Test
  @DisplayName("names a section whose sold differs from its live tickets, either way, and tickets of a section the grid lacks")
  void soldOff() {
    Availability grid = grid(section("GA", 10, 5, 0, 5), section("B", 4, 4, 0, 0));
    assertThat(InventoryAudit.mismatch(grid, Map.of("GA", 4, "B", 1, "C", 2)))
        .contains("section GA: the grid sold 5, PostgreSQL has 4 live tickets")
        .contains("section B: the grid sold 0, PostgreSQL has 1 live tickets")
        .contains("section C: PostgreSQL has 2 live tickets, the grid has no such section");
  }

  private static Availability grid(Availability.Section... sections) {
    return new Availability("e", new Availability.Counts(0, 0, 0, 0), List.of(sections));
  }

  private static Availability.Section section(String id, int capacity, int available,
      int held, int sold) {
    return new Availability.Section(id, SectionKind.GENERAL,
        new Availability.Counts(capacity, available, held, sold), null);
  }
}
