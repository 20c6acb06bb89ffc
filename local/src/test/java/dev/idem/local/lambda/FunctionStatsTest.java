package dev.idem.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class FunctionStatsTest {

  @Test
  void summary_stats_readsAsOneLine() {
    FunctionStats stats =
        new FunctionStats(
            "f",
            10,
            3,
            2,
            120,
            2,
            1,
            5,
            4,
            List.of(
                new FunctionStats.ColdStart(1, Duration.ofMillis(700), Duration.ofMillis(900)),
                new FunctionStats.ColdStart(2, Duration.ofMillis(500), Duration.ofMillis(650)),
                new FunctionStats.ColdStart(3, Duration.ofMillis(600), Duration.ofMillis(800))));

    assertThat(stats.medianColdStart()).isEqualTo(Duration.ofMillis(600));
    assertThat(stats.summary())
        .isEqualTo(
            "f: 3 instances (limit 10), 3 cold starts (median 600 ms), 120 invocations, 2 errors,"
                + " 1 timeout, 5 throttled, 4 waited for a start");
  }

  @Test
  void medianColdStart_noColdStart_isZero() {
    FunctionStats stats = new FunctionStats("f", 1, 0, 0, 0, 0, 0, 0, 0, List.of());

    assertThat(stats.medianColdStart()).isZero();
  }
}
