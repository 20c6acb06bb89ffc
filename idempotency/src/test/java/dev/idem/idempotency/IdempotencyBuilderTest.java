package dev.idem.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idem.idempotency.memory.InMemoryIdempotencyStore;
import java.time.Duration;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class IdempotencyBuilderTest {

  @Test
  void build_storeAndPrefix_builds() {
    Idempotency idempotency = valid().build();

    assertThat(idempotency.keyPrefix()).isEqualTo("payments");
  }

  @Test
  void build_missingStore_throwsNamingStore() {
    assertThatThrownBy(() -> Idempotency.builder().keyPrefix("payments").build())
        .isInstanceOf(IdempotencyConfigurationException.class)
        .hasMessageContaining("store");
  }

  @Test
  void build_missingPrefix_throwsNamingPrefix() {
    assertThatThrownBy(() -> Idempotency.builder().store(new InMemoryIdempotencyStore()).build())
        .isInstanceOf(IdempotencyConfigurationException.class)
        .hasMessageContaining("keyPrefix");
  }

  @ParameterizedTest
  @MethodSource("badPrefixes")
  void build_badPrefix_throwsNamingPrefix(String prefix) {
    assertThatThrownBy(() -> valid().keyPrefix(prefix).build())
        .isInstanceOf(IdempotencyConfigurationException.class)
        .hasMessageContaining("keyPrefix");
  }

  @ParameterizedTest
  @ValueSource(strings = {"a", "orders.v2", "pay_ments-1", "Z9"})
  void build_goodPrefix_builds(String prefix) {
    assertThat(valid().keyPrefix(prefix).build().keyPrefix()).isEqualTo(prefix);
  }

  @Test
  void build_prefixOf64Characters_builds() {
    String prefix = "p".repeat(64);

    assertThat(valid().keyPrefix(prefix).build().keyPrefix()).isEqualTo(prefix);
  }

  @ParameterizedTest
  @MethodSource("badDurations")
  void build_nonPositiveDuration_throwsNamingSetting(
      String setting, UnaryOperator<Idempotency.Builder> configure) {
    assertThatThrownBy(() -> configure.apply(valid()).build())
        .isInstanceOf(IdempotencyConfigurationException.class)
        .hasMessageContaining(setting);
  }

  @Test
  void build_negativeCacheSize_throws() {
    assertThatThrownBy(() -> valid().cacheSize(-1).build())
        .isInstanceOf(IdempotencyConfigurationException.class)
        .hasMessageContaining("cacheSize");
  }

  @Test
  void build_nullClock_throws() {
    assertThatThrownBy(() -> valid().clock(null).build())
        .isInstanceOf(IdempotencyConfigurationException.class)
        .hasMessageContaining("clock");
  }

  @Test
  void build_cacheSizeZeroAndFixedLease_builds() {
    assertThat(valid().cacheSize(0).leaseDuration(Duration.ofSeconds(1)).build()).isNotNull();
  }

  static Stream<String> badPrefixes() {
    return Stream.of("", "p".repeat(65), "a#b", "with space", "ünï", "a/b");
  }

  static Stream<Arguments> badDurations() {
    return Stream.of(
        args("recordTtl", b -> b.recordTtl(Duration.ZERO)),
        args("recordTtl", b -> b.recordTtl(Duration.ofSeconds(-1))),
        args("recordTtl", b -> b.recordTtl(null)),
        args("defaultLease", b -> b.defaultLease(Duration.ZERO)),
        args("defaultLease", b -> b.defaultLease(Duration.ofMillis(-5))),
        args("leaseDuration", b -> b.leaseDuration(Duration.ZERO)),
        args("leaseDuration", b -> b.leaseDuration(Duration.ofMinutes(-1))));
  }

  private static Arguments args(String setting, UnaryOperator<Idempotency.Builder> configure) {
    return Arguments.of(setting, configure);
  }

  private static Idempotency.Builder valid() {
    return Idempotency.builder()
        .store(new InMemoryIdempotencyStore())
        .keyPrefix("payments")
        .listener(IdempotencyListener.NONE);
  }
}
