package dev.idem.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TallyTest {

  private static final long SECOND = 1_000_000_000L;

  @Test
  void callsPerInvocation_overRounds_dividesAllCallsByAllInvocations() {
    Tally tally = tally();
    tally.add(
        new LoadRunner.Window(100, SECOND, 0, 0), Map.of("PutItem", 200L, "UpdateItem", 100L));
    tally.add(
        new LoadRunner.Window(300, SECOND, 0, 0), Map.of("PutItem", 600L, "UpdateItem", 300L));

    assertThat(tally.callsPerInvocation()).isEqualTo(3.0);
    assertThat(tally.callsPerInvocationByOperation())
        .containsExactly(Map.entry("PutItem", 2.0), Map.entry("UpdateItem", 1.0));
  }

  @Test
  void medianRatioTo_driftingMachine_comparesWithinEachRound() {
    Tally bare = tally();
    Tally mode = tally();
    double[] bareRates = {1000, 500, 2000};
    double[] modeRates = {500, 250, 1000};
    for (int r = 0; r < 3; r++) {
      bare.add(new LoadRunner.Window((long) bareRates[r], SECOND, 0, 0), Map.of());
      mode.add(new LoadRunner.Window((long) modeRates[r], SECOND, 0, 0), Map.of());
    }

    assertThat(mode.medianRatioTo(bare)).isEqualTo(0.5);
    assertThat(mode.medianPerSecond()).isEqualTo(500);
  }

  @Test
  void cpuRatioTo_twiceTheCpuPerInvocation_isHalf() {
    Tally bare = tally();
    Tally mode = tally();
    bare.add(new LoadRunner.Window(1_000, SECOND, 300_000_000L, 1_000_000_000L), Map.of());
    mode.add(new LoadRunner.Window(500, SECOND, 150_000_000L, 1_000_000_000L), Map.of());

    assertThat(mode.cpuRatioTo(bare)).isCloseTo(0.5, within(1e-9));
    assertThat(bare.processCpuMicros()).isEqualTo(1_000.0);
    assertThat(bare.clientCpuMicros()).isEqualTo(300.0);
  }

  private static Tally tally() {
    return new Tally(new Mode("m", "m", sequence -> {}));
  }
}
