package io.holdfast.support.ids;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Uuids")
class UuidsTest {
  @Test
  @DisplayName("a canonical UUID reads as itself, in either case")
  void canonical() {
    UUID id = UUID.randomUUID();
    assertThat(Uuids.parse(id.toString())).isEqualTo(id);
    assertThat(Uuids.parse(id.toString().toUpperCase())).isEqualTo(id);
  }

  @Test
  @DisplayName("short forms, wrong lengths, bad digits and null read as no UUID")
  void notCanonical() {
    assertThat(Uuids.parse("1-2-3-4-5")).isNull();
    assertThat(Uuids.parse("00000000-0000-0000-0000-0000000000001")).isNull();
    assertThat(Uuids.parse("0000000g-0000-0000-0000-000000000000")).isNull();
    assertThat(Uuids.parse("")).isNull();
    assertThat(Uuids.parse(null)).isNull();
  }
}
