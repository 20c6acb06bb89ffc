package dev.idem.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idem.local.lambda.FunctionStats.ColdStart;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ColdStartReportTest {

  @Test
  void json_everyFunctionMeasured_reportsTheWorstRatio() {
    Map<String, List<ColdStart>> starts = new HashMap<>();
    for (ColdStartSubject subject : ColdStartSubject.ALL) {
      starts.put(subject.function(), starts(1000, 1200, 1100));
      starts.put(subject.twin().name(), starts(900, 1000, 1000));
    }
    starts.put("CapturePaymentFunction", starts(1500, 1400, 1600));

    ColdStartReport report = ColdStartReport.of(starts, name -> Map.of("total", 100));

    assertThat(report.worst().function()).isEqualTo("CapturePaymentFunction");
    assertThat(report.json(12.345))
        .startsWith("{\"cold_start_ratio\":1.5,\"jar_mb\":12.35,")
        .contains("\"worst_function\":\"CapturePaymentFunction\"");
  }

  @Test
  void json_cachedStartsMeasured_reportsTheWorstCachedOverPlainRatio() {
    Map<String, List<ColdStart>> starts = new HashMap<>();
    for (ColdStartSubject subject : ColdStartSubject.ALL) {
      starts.put(subject.function(), starts(1000));
      starts.put(subject.twin().name(), starts(900));
      starts.put(subject.function() + ColdStartReport.CACHED, starts(400));
    }
    starts.put("GetOrderFunction" + ColdStartReport.CACHED, starts(600));

    ColdStartReport report = ColdStartReport.of(starts, name -> Map.of("total", 100));

    assertThat(report.json(12))
        .contains("\"aot_ratio\":0.6,\"aot_worst_function\":\"GetOrderFunction\"")
        .contains("\"aot_first_response_ms\":600");
    assertThat(report.table()).contains("0.40x").contains("0.60x");
  }

  @Test
  void json_cachedStartsNotMeasured_noAotRatio() {
    Map<String, List<ColdStart>> starts = new HashMap<>();
    ColdStartSubject.ALL.forEach(s -> starts.put(s.function(), starts(1000)));
    ColdStartSubject.ALL.forEach(s -> starts.put(s.twin().name(), starts(800)));

    assertThat(ColdStartReport.of(starts, name -> Map.of()).json(1)).doesNotContain("aot_ratio");
  }

  @Test
  void table_sharedTwin_showsItOnEachOfItsFunctions() {
    Map<String, List<ColdStart>> starts = new HashMap<>();
    ColdStartSubject.ALL.forEach(s -> starts.put(s.function(), starts(1000)));
    ColdStartSubject.ALL.forEach(s -> starts.put(s.twin().name(), starts(800)));

    String table = ColdStartReport.of(starts, name -> Map.of("total", 100)).table();

    assertThat(table.lines().filter(line -> line.contains("BareSqsClaim"))).hasSize(3);
    assertThat(table).contains("1.25x");
  }

  @Test
  void of_functionWithoutColdStarts_throws() {
    assertThatThrownBy(() -> ColdStartReport.of(Map.of(), name -> Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PlaceOrderFunction");
  }

  private static List<ColdStart> starts(long... firstResponseMillis) {
    return java.util.Arrays.stream(firstResponseMillis)
        .mapToObj(ms -> new ColdStart(1, Duration.ofMillis(ms / 2), Duration.ofMillis(ms)))
        .toList();
  }
}
