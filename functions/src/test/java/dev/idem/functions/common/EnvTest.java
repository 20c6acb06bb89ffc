package dev.idem.functions.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvTest {

  @Test
  void required_missing_namesTheVariable() {
    assertThatThrownBy(() -> new Env(Map.of()).required("ORDERS_TABLE"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("ORDERS_TABLE");
  }

  @Test
  void requiredUrl_notHttp_refused() {
    Env env = new Env(Map.of("PROVIDER_URL", "ftp://example"));

    assertThatThrownBy(() -> env.requiredUrl("PROVIDER_URL"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("http(s) URL");
  }

  @Test
  void awsSettings_endpointAndCredentials_fromEnvironment() {
    AwsSettings settings =
        AwsSettings.fromEnv(
            new Env(
                Map.of(
                    "AWS_ENDPOINT_URL", "http://127.0.0.1:4566",
                    "AWS_REGION", "eu-west-1",
                    "AWS_ACCESS_KEY_ID", "local")));

    assertThat(settings.endpointOverride())
        .hasValueSatisfying(u -> assertThat(u.getPort()).isEqualTo(4566));
    assertThat(settings.region().id()).isEqualTo("eu-west-1");
    assertThat(settings.environmentCredentials()).isTrue();
  }

  @Test
  void jsonLog_info_oneJsonLineWithCorrelationId() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Clock clock = Clock.fixed(Instant.parse("2026-11-26T10:00:00Z"), ZoneOffset.UTC);
    JsonLog log =
        new JsonLog(
            "orders", new PrintStream(bytes, true, StandardCharsets.UTF_8), clock, Json.mapper());

    log.info("order placed", "corr-1", Map.of("orderId", "o-1"));

    String line = bytes.toString(StandardCharsets.UTF_8).strip();
    assertThat(line).doesNotContain("\n");
    assertThat(Json.mapper().readTree(line).properties())
        .extracting(Map.Entry::getKey)
        .containsExactly("timestamp", "level", "service", "message", "correlationId", "orderId");
  }
}
