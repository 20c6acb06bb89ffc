package dev.idem.functions.fulfilment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idem.functions.common.Env;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProviderTimeoutsTest {

  @Test
  void fromEnv_unset_isTwoSeconds() {
    assertThat(ProviderTimeouts.fromEnv(new Env(Map.of()), "X_TIMEOUT_MS"))
        .isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void fromEnv_wholeMilliseconds_isThatDuration() {
    assertThat(ProviderTimeouts.fromEnv(new Env(Map.of("X_TIMEOUT_MS", " 750 ")), "X_TIMEOUT_MS"))
        .isEqualTo(Duration.ofMillis(750));
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-5", "2s", "1.5"})
  void fromEnv_notAPositiveWholeNumber_namesTheVariable(String value) {
    Env env = new Env(Map.of("X_TIMEOUT_MS", value));

    assertThatThrownBy(() -> ProviderTimeouts.fromEnv(env, "X_TIMEOUT_MS"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("X_TIMEOUT_MS")
        .hasMessageContaining(value);
  }
}
