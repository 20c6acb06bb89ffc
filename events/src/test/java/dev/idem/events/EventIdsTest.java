package dev.idem.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventIdsTest {

  @Test
  void fromStreamRecord_sameInputs_sameId() {
    assertThat(EventIds.fromStreamRecord("c81e728d", "OrderPlaced"))
        .isEqualTo(EventIds.fromStreamRecord("c81e728d", EventType.ORDER_PLACED));
  }

  @Test
  void fromStreamRecord_knownRecord_isTheNameBasedUuidOfRecordSlashType() {
    String id = EventIds.fromStreamRecord("c81e728d9d4c2f636f067f89cc14862c", "OrderPlaced");

    assertThat(id).isEqualTo("26a67560-60e0-31ec-8f30-6c8a2f1095ae");
    assertThat(UUID.fromString(id).version()).isEqualTo(3);
  }

  @Test
  void fromStreamRecord_otherTypeOrRecord_otherId() {
    String placed = EventIds.fromStreamRecord("r1", "OrderPlaced");

    assertThat(EventIds.fromStreamRecord("r1", "PaymentCaptured")).isNotEqualTo(placed);
    assertThat(EventIds.fromStreamRecord("r2", "OrderPlaced")).isNotEqualTo(placed);
  }

  @Test
  void fromStreamRecord_blankRecordId_fails() {
    assertThatThrownBy(() -> EventIds.fromStreamRecord(" ", "OrderPlaced"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("streamEventId is required");
  }
}
