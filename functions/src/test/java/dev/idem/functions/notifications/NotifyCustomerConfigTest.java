package dev.idem.functions.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NotifyCustomerConfigTest {

  @Test
  void fromEnv_requiredVariables_readsThemWithDefaults() {
    NotifyCustomerConfig config =
        NotifyCustomerConfig.fromEnv(
            Map.of("IDEMPOTENCY_TABLE", "d", "NOTIFICATION_PROVIDER_URL", "https://send.example"));

    assertThat(config.idempotencyTable()).isEqualTo("d");
    assertThat(config.notificationProviderUrl()).isEqualTo(URI.create("https://send.example"));
    assertThat(config.providerTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(config.serviceName()).isEqualTo("notify-customer");
  }

  @Test
  void fromEnv_providerUrlNotHttp_namesTheVariable() {
    Map<String, String> env =
        Map.of("IDEMPOTENCY_TABLE", "d", "NOTIFICATION_PROVIDER_URL", "ftp://send.example");

    assertThatThrownBy(() -> NotifyCustomerConfig.fromEnv(env))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("NOTIFICATION_PROVIDER_URL");
  }
}
