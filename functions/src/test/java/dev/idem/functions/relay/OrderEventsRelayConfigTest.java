package dev.idem.functions.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class OrderEventsRelayConfigTest {

  @Test
  void fromEnv_busAndIdempotencyTable_read() {
    OrderEventsRelayConfig config =
        OrderEventsRelayConfig.fromEnv(
            Map.of("EVENT_BUS_NAME", "idem-orders", "IDEMPOTENCY_TABLE", "idempotency"));

    assertThat(config.eventBusName()).isEqualTo("idem-orders");
    assertThat(config.idempotencyTable()).isEqualTo("idempotency");
  }

  @Test
  void fromEnv_busMissing_namesIt() {
    assertThatThrownBy(() -> OrderEventsRelayConfig.fromEnv(Map.of("IDEMPOTENCY_TABLE", "i")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("EVENT_BUS_NAME");
  }
}
