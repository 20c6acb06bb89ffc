package dev.idem.local.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackoffTest {

  private static final Backoff BACKOFF = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1));

  @Test
  void ceiling_doublesFromFirst_upToLongest() {
    List<Long> millis = new ArrayList<>();
    for (int retries = 0; retries < 6; retries++) {
      millis.add(BACKOFF.ceiling(retries).toMillis());
    }

    assertThat(millis).containsExactly(100L, 200L, 400L, 800L, 1000L, 1000L);
  }

  @Test
  void ceiling_manyRetries_staysAtLongestWithoutOverflow() {
    assertThat(BACKOFF.ceiling(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(1));
    assertThat(new Backoff(Duration.ofMinutes(10), Duration.ofMinutes(5)).ceiling(0))
        .isEqualTo(Duration.ofMinutes(5));
    assertThat(new Backoff(Duration.ZERO, Duration.ofSeconds(1)).ceiling(1_000_000))
        .isEqualTo(Duration.ZERO);
  }

  @Test
  void delay_isHalfToAllOfItsCeiling() {
    for (int retries = 0; retries < 6; retries++) {
      Duration ceiling = BACKOFF.ceiling(retries);
      for (int i = 0; i < 200; i++) {
        assertThat(BACKOFF.delay(retries)).isBetween(ceiling.dividedBy(2), ceiling);
      }
    }
  }

  @Test
  void delay_isJittered() {
    long distinct =
        java.util.stream.IntStream.range(0, 50).mapToObj(i -> BACKOFF.delay(3)).distinct().count();

    assertThat(distinct).isGreaterThan(1);
  }

  @Test
  void waits_followTheCeilings_andResetToTheFirst() {
    Backoff.Waits waits = BACKOFF.waits();
    for (int retries = 0; retries < 6; retries++) {
      assertThat(waits.next())
          .isBetween(BACKOFF.ceiling(retries).dividedBy(2), BACKOFF.ceiling(retries));
    }
    waits.reset();

    assertThat(waits.next()).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
  }

  @Test
  void negativeBound_isRejected() {
    assertThatThrownBy(() -> new Backoff(Duration.ofMillis(-1), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("negative");
  }
}
