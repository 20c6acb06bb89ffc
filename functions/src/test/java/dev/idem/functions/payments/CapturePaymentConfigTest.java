package dev.idem.functions.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CapturePaymentConfigTest {

  private final Map<String, String> env =
      new HashMap<>(
          Map.of(
              "ORDERS_TABLE", "orders",
              "IDEMPOTENCY_TABLE", "idem",
              "PAYMENT_PROVIDER_URL", "http://127.0.0.1:4010"));

  @Test
  void fromEnv_requiredVariables_readsThemWithDefaults() {
    CapturePaymentConfig config = CapturePaymentConfig.fromEnv(env);

    assertThat(config.ordersTable()).isEqualTo("orders");
    assertThat(config.idempotencyTable()).isEqualTo("idem");
    assertThat(config.paymentProviderUrl()).isEqualTo(URI.create("http://127.0.0.1:4010"));
    assertThat(config.providerTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(config.serviceName()).isEqualTo("capture-payment");
  }

  @Test
  void fromEnv_timeoutSet_usesIt() {
    env.put("PAYMENT_PROVIDER_TIMEOUT_MS", "1500");

    assertThat(CapturePaymentConfig.fromEnv(env).providerTimeout())
        .isEqualTo(Duration.ofMillis(1500));
  }

  @Test
  void fromEnv_providerUrlMissing_namesTheVariable() {
    env.remove("PAYMENT_PROVIDER_URL");

    assertThatThrownBy(() -> CapturePaymentConfig.fromEnv(env))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("PAYMENT_PROVIDER_URL");
  }
}
