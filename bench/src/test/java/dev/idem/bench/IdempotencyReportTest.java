package dev.idem.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class IdempotencyReportTest {

  private static final String[] REQUIRED_KEYS = {
    "guard_first_calls",
    "txn_completion_first_calls",
    "single_txn_first_calls",
    "duplicate_calls",
    "cached_duplicate_calls",
    "guard_first_throughput_vs_bare",
    "txn_completion_first_throughput_vs_bare",
    "single_txn_first_throughput_vs_bare",
    "duplicate_throughput_vs_bare",
    "cached_duplicate_throughput_vs_bare"
  };

  @Test
  void json_allModes_hasEveryRequiredKey() {
    String json = report().json().toString();

    for (String key : REQUIRED_KEYS) {
      assertThat(json).contains("\"" + key + "\":");
    }
  }

  @Test
  void json_ratios_areMediansOfPerRoundRatiosRoundedToTwoDecimals() {
    String json = report().json().toString();

    // guard_first per round: 300/1000, 330/1000, 400/1000 -> median 0.33
    assertThat(json).contains("\"guard_first_throughput_vs_bare\":0.33");
    assertThat(json).contains("\"guard_first_calls\":3,");
    assertThat(json).contains("\"cached_duplicate_calls\":0,");
  }

  @Test
  void verdicts_belowTarget_sayMissedWithMeasuredRatio() {
    List<String> verdicts = report().verdicts();

    assertThat(verdicts).hasSize(3);
    assertThat(verdicts.get(0)).contains("guard_first").contains("MISSED").contains("0.33x");
    assertThat(verdicts.get(2)).contains("duplicate").contains("met");
  }

  @Test
  void table_modes_showCallBreakdown() {
    String table = report().table();

    assertThat(table).contains("PutItem 2 + UpdateItem 1").contains("none");
  }

  @Test
  void constructor_noBareMode_throws() {
    assertThatThrownBy(() -> new IdempotencyReport(List.of(tally("duplicate", Map.of(), 1))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static IdempotencyReport report() {
    Map<String, Long> onePut = Map.of("PutItem", 1L);
    return new IdempotencyReport(
        List.of(
            tally("bare", onePut, 1000, 1000, 1000),
            tally("guard_first", Map.of("PutItem", 2L, "UpdateItem", 1L), 300, 330, 400),
            tally(
                "txn_completion_first",
                Map.of("PutItem", 1L, "TransactWriteItems", 1L),
                350,
                350,
                350),
            tally("single_txn_first", Map.of("TransactWriteItems", 1L), 600, 600, 600),
            tally("duplicate", onePut, 950, 900, 920),
            tally("cached_duplicate", Map.of(), 9000, 9000, 9000)));
  }

  /**
   * A tally of one-second rounds at {@code perSecond} invocations per second, each making {@code
   * callsPerInvocation}.
   */
  private static Tally tally(
      String name, Map<String, Long> callsPerInvocation, double... perSecond) {
    Tally tally = new Tally(new Mode(name, name + " description", sequence -> {}));
    for (double rate : perSecond) {
      long invocations = (long) rate;
      Map<String, Long> calls = new TreeMap<>();
      callsPerInvocation.forEach((operation, count) -> calls.put(operation, count * invocations));
      tally.add(new LoadRunner.Window(invocations, 1_000_000_000L, 1_000, 2_000), calls);
    }
    return tally;
  }
}
