package dev.idem.events.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

  private static final RandomGenerator LOWEST = () -> 0L;
  private static final RandomGenerator HIGHEST = () -> -1L;

  @Test
  void defaults_areThreeAttemptsFrom100MsUpTo2s() {
    RetryPolicy policy = RetryPolicy.defaults();

    assertThat(policy.maxAttempts()).isEqualTo(3);
    assertThat(policy.baseDelay()).isEqualTo(Duration.ofMillis(100));
    assertThat(policy.maxDelay()).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void delayAfter_lowestJitter_isHalfTheDoublingCap() {
    RetryPolicy policy = RetryPolicy.defaults().random(LOWEST);

    assertThat(policy.delayAfter(1)).isEqualTo(Duration.ofMillis(50));
    assertThat(policy.delayAfter(2)).isEqualTo(Duration.ofMillis(100));
    assertThat(policy.delayAfter(3)).isEqualTo(Duration.ofMillis(200));
  }

  @Test
  void delayAfter_highestJitter_staysBelowTheCap() {
    RetryPolicy policy = RetryPolicy.defaults().random(HIGHEST);

    assertThat(policy.delayAfter(1))
        .isGreaterThan(Duration.ofMillis(99))
        .isLessThanOrEqualTo(Duration.ofMillis(100));
  }

  @Test
  void delayAfter_manyAttempts_isCappedAtMaxDelay() {
    RetryPolicy policy = RetryPolicy.defaults().random(HIGHEST);

    assertThat(policy.delayAfter(40))
        .isGreaterThan(Duration.ofSeconds(1))
        .isLessThanOrEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void delayAfter_realRandom_spreadsWithinBounds() {
    RetryPolicy policy = RetryPolicy.defaults();

    for (int i = 0; i < 100; i++) {
      assertThat(policy.delayAfter(2)).isBetween(Duration.ofMillis(100), Duration.ofMillis(200));
    }
  }

  @Test
  void constructor_zeroAttempts_fails() {
    assertThatThrownBy(() -> RetryPolicy.defaults().maxAttempts(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxAttempts must be at least 1, got 0");
  }

  @Test
  void constructor_baseAboveMax_fails() {
    assertThatThrownBy(
            () -> RetryPolicy.defaults().backoff(Duration.ofSeconds(3), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("baseDelay <= maxDelay");
  }

  @Test
  void publisher_withOneAttempt_neverRetries() {
    FakeEventBridgeClient client = new FakeEventBridgeClient();
    client.thenFail(Map.of(0, "ThrottlingException"));
    RecordingSleeper sleeper = new RecordingSleeper();

    var result =
        new EventBridgePublisher(client, sleeper.policy(1))
            .publish(EventBridgePublisherTest.entries(1, 10));

    assertThat(client.calls).hasSize(1);
    assertThat(result.failed()).singleElement().extracting(FailedEntry::attempts).isEqualTo(1);
    assertThat(sleeper.delays).isEmpty();
  }

  @Test
  void publisher_retries_sleepsTheGrowingDelays() {
    FakeEventBridgeClient client = new FakeEventBridgeClient();
    client.thenFail(Map.of(0, "ThrottlingException"));
    client.thenFail(Map.of(0, "ThrottlingException"));
    RecordingSleeper sleeper = new RecordingSleeper();

    new EventBridgePublisher(client, sleeper.policy(3))
        .publish(EventBridgePublisherTest.entries(1, 10));

    assertThat(sleeper.delays).containsExactly(Duration.ofMillis(50), Duration.ofMillis(100));
  }
}
