package dev.idem.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idem.idempotency.memory.InMemoryIdempotencyStore;
import dev.idem.testing.TestClock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EmfMetricsListenerTest {

  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00.123Z");

  private final ObjectMapper mapper = new ObjectMapper();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final EmfMetricsListener listener =
      new EmfMetricsListener(
          new PrintStream(out, true, StandardCharsets.UTF_8), "IdemTest", new TestClock(NOW));

  @Test
  void onDecision_cacheHit_oneEmfLineWithMetricDefinitionAndValues() throws Exception {
    listener.onDecision(
        new DecisionEvent(
            "payments", "0123456789abcdef", Decision.CACHE_HIT, 0, Duration.ofMillis(0)));

    JsonNode line = mapper.readTree(onlyLine());
    JsonNode definition = line.at("/_aws/CloudWatchMetrics/0");

    assertThat(line.at("/_aws/Timestamp").asLong()).isEqualTo(NOW.toEpochMilli());
    assertThat(definition.get("Namespace").asText()).isEqualTo("IdemTest");
    assertThat(definition.at("/Dimensions/0/0").asText()).isEqualTo("KeyPrefix");
    assertThat(definition.get("Metrics").findValuesAsText("Name"))
        .containsExactly("CacheHit", "StoreCalls", "StoreLatency");
    assertThat(line.get("KeyPrefix").asText()).isEqualTo("payments");
    assertThat(line.get("CacheHit").asInt()).isEqualTo(1);
    assertThat(line.get("StoreCalls").asInt()).isZero();
    assertThat(line.get("decision").asText()).isEqualTo("CACHE_HIT");
    assertThat(line.get("keyHash").asText()).isEqualTo("0123456789abcdef");
  }

  @Test
  void onDecision_storeLatency_writtenInMillisecondsWithFraction() throws Exception {
    listener.onDecision(
        new DecisionEvent(
            "p", "0123456789abcdef", Decision.REPLAY, 1, Duration.ofNanos(4_250_000)));

    JsonNode line = mapper.readTree(onlyLine());

    assertThat(line.get("StoreLatency").asDouble()).isEqualTo(4.25);
    assertThat(line.get("StoreCalls").asInt()).isEqualTo(1);
  }

  @Test
  void onDecision_fromRealCall_carriesKeyHashButNoRawKeyOrPayload() throws Exception {
    Idempotency idempotency =
        Idempotency.builder()
            .store(new InMemoryIdempotencyStore())
            .keyPrefix("payments")
            .clock(new TestClock(NOW))
            .listener(listener)
            .build();

    idempotency.execute(
        IdempotentRequest.of("customer-4711-secret", "iban DE00 1234"), String.class, () -> "ok");

    String text = onlyLine();
    JsonNode line = mapper.readTree(text);
    assertThat(line.get("FirstExecution").asInt()).isEqualTo(1);
    assertThat(line.get("StoreCalls").asInt()).isEqualTo(2);
    assertThat(line.get("keyHash").asText()).matches("[0-9a-f]{16}");
    assertThat(text).doesNotContain("customer-4711-secret").doesNotContain("iban");
  }

  @ParameterizedTest
  @CsvSource({
    "FIRST_EXECUTION, FirstExecution",
    "LEASE_TAKEOVER, LeaseTakeover",
    "REPLAY, Replay",
    "CACHE_HIT, CacheHit",
    "IN_FLIGHT, InFlight",
    "PAYLOAD_MISMATCH, PayloadMismatch",
    "RELEASED, Released",
    "LEASE_LOST, LeaseLost",
    "COMPLETION_FAILED, CompletionFailed"
  })
  void metricName_everyDecision_pascalCase(Decision decision, String name) {
    assertThat(EmfMetricsListener.metricName(decision)).isEqualTo(name);
  }

  private String onlyLine() {
    String text = out.toString(StandardCharsets.UTF_8);
    assertThat(text.lines()).hasSize(1);
    return text.strip();
  }
}
