package dev.idem.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idem.local.lambda.FunctionStats;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportsTest {

  private static final Duration SECOND = Duration.ofSeconds(1);

  @TempDir Path dir;

  @Test
  void loadReport_oneExtraOrderAndCharge_countsThemAsDuplicates() {
    Map<String, String> orders =
        new HashMap<>(Map.of("o1", "PAID", "o2", "FULFILLED", "o3", "PAID"));
    LoadClients.Result load =
        new LoadClients.Result(
            Map.of("k1", "o1", "k2", "o2"),
            new long[] {1_000_000, 3_000_000},
            7,
            Map.of(),
            1,
            0,
            Duration.ofSeconds(2));
    SystemState state = new SystemState(orders, 3, 0, 2, 4, 3, 6, 6);

    LoadReport report =
        new LoadReport(
            new LocalLoadBenchmark.Config(2, 2),
            load,
            state,
            Duration.ZERO,
            List.of(stats(4)),
            Map.of());

    assertThat(report.json())
        .isEqualTo(
            "{\"throughput_per_s\":1,\"p50_ms\":1,\"p99_ms\":3,\"instances_max\":4,"
                + "\"cold_starts\":1,\"throttled\":7,\"duplicate_orders\":1,"
                + "\"duplicate_charges\":1,\"lost_orders\":0,\"dlq_messages\":2,\"timeouts\":0,"
                + "\"unsettled_orders\":0,\"peak_rss_mb\":0}");
  }

  @Test
  void loadReport_baselineAndMemory_ratioAndPeakInTheJson() {
    LoadClients.Result load =
        new LoadClients.Result(
            Map.of("k1", "o1", "k2", "o2"),
            new long[] {1},
            0,
            Map.of(),
            0,
            0,
            Duration.ofSeconds(1));
    SystemState state = new SystemState(Map.of("o1", "PAID", "o2", "PAID"), 2, 0, 0, 2, 2, 4, 4);

    LoadReport report =
        new LoadReport(
            new LocalLoadBenchmark.Config(1, 1),
            load,
            state,
            Duration.ZERO,
            List.of(),
            Map.of(),
            812,
            0.5);

    assertThat(report.json())
        .contains("\"throughput_vs_baseline\":4,\"baseline_throughput_per_s\":0.5")
        .endsWith("\"peak_rss_mb\":812}");
  }

  @Test
  void loadReport_acceptedOrderMissingFromTheTable_isLost() {
    LoadClients.Result load =
        new LoadClients.Result(
            Map.of("k1", "o1", "k2", "o2"),
            new long[] {1},
            0,
            Map.of(),
            0,
            0,
            Duration.ofSeconds(1));
    SystemState state = new SystemState(Map.of("o1", "PAID"), 1, 0, 0, 1, 1, 2, 2);

    LoadReport report =
        new LoadReport(
            new LocalLoadBenchmark.Config(1, 1), load, state, Duration.ZERO, List.of(), Map.of());

    assertThat(report.lostOrders()).isEqualTo(1);
    assertThat(report.unsettledOrders()).isZero();
  }

  @Test
  void loadReport_acceptedOrderNotPaid_isUnsettledNotLost() {
    LoadClients.Result load =
        new LoadClients.Result(
            Map.of("k1", "o1", "k2", "o2"),
            new long[] {1},
            0,
            Map.of(),
            0,
            0,
            Duration.ofSeconds(1));
    SystemState state = new SystemState(Map.of("o1", "PAID", "o2", "PLACED"), 1, 3, 0, 1, 1, 2, 2);

    LoadReport report =
        new LoadReport(
            new LocalLoadBenchmark.Config(1, 1), load, state, Duration.ZERO, List.of(), Map.of());

    assertThat(report.lostOrders()).isZero();
    assertThat(report.unsettledOrders()).isEqualTo(1);
    assertThat(report.expectedNotifications()).isEqualTo(2);
  }

  @Test
  void localFlowReport_json_hasTheIssuesKeysFirstThenTheConsolesCost() {
    String json = new LocalFlowReport(3, localFlowRun(), 1, 1).json();

    assertThat(json)
        .isEqualTo(
            "{\"ready_ms\":4200,\"flow_p50_ms\":210,\"flow_p99_ms\":260,"
                + "\"edge_overhead_ratio\":1.5,\"flow_p90_ms\":260,\"edge_overhead_us\":100,"
                + "\"console_on_off_p50_ratio\":1.04,"
                + "\"fulfilled_on_p50_ms\":1300,\"fulfilled_on_p90_ms\":1400,"
                + "\"fulfilled_on_p99_ms\":1400,"
                + "\"fulfilled_off_p50_ms\":1250,\"fulfilled_off_p90_ms\":1300,"
                + "\"fulfilled_off_p99_ms\":1300,"
                + "\"console_on_off_paid_p50_ratio\":1.05,"
                + "\"paid_off_p50_ms\":200,\"paid_off_p90_ms\":250,\"paid_off_p99_ms\":250}");
  }

  @Test
  void localFlowReport_flowTable_onOffAndTheirRatios() {
    String table = new LocalFlowReport(3, localFlowRun(), 1, 1).flowTable();

    assertThat(table.lines())
        .containsExactly(
            "console  orders  PAID p50    p90    p99  FULFILLED p50    p90    p99    max",
            "on            3       210    260    260           1300   1400   1400   1400",
            "off           3       200    250    250           1250   1300   1300   1300",
            "on/off              1.050  1.040  1.040          1.040  1.077  1.077  1.077");
  }

  @Test
  void localFlowReport_print_endsWithTheJsonLine() {
    LocalFlowReport report = new LocalFlowReport(3, localFlowRun(), 1, 1);
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();

    report.print(new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8));

    String[] lines = bytes.toString(java.nio.charset.StandardCharsets.UTF_8).split("\n");
    assertThat(lines[lines.length - 1]).isEqualTo(report.json());
    assertThat(String.join("\n", lines)).contains("ready: 4200 ms").contains("ratio 1.50");
  }

  @Test
  void consoleTail_invocationLines_areCountedByFunctionAndOutcome() {
    ConsoleTail tail = new ConsoleTail(10);

    List.of(
            "CapturePaymentFunction <- sqs PaymentsQueue batch=4 7352 ms OK",
            "CapturePaymentFunction <- sqs PaymentsQueue batch=2 10004 ms FUNCTION_ERROR"
                + " Sandbox.Timedout: batch left for retry",
            "CapturePaymentFunction <- sqs PaymentsQueue batch=1 35 ms OK",
            "[CapturePaymentFunction#1] {\"level\":\"INFO\"}")
        .forEach(tail);

    assertThat(tail.outcomes())
        .containsOnly(
            Map.entry("CapturePaymentFunction OK", 2L),
            Map.entry("CapturePaymentFunction FUNCTION_ERROR Sandbox.Timedout", 1L));
  }

  @Test
  void throttlePause_anyAttempt_staysWithinTheGrowingCeiling() {
    assertThat(LoadClients.throttlePause(0)).isBetween(Duration.ofMillis(1), Duration.ofMillis(20));
    assertThat(LoadClients.throttlePause(3))
        .isBetween(Duration.ofMillis(1), Duration.ofMillis(160));
    assertThat(LoadClients.throttlePause(40))
        .isBetween(Duration.ofMillis(1), Duration.ofMillis(500));
  }

  @Test
  void consoleTail_moreLinesThanItKeeps_keepsTheLastAndCountsAll() {
    ConsoleTail tail = new ConsoleTail(2);

    List.of("a", "b", "c").forEach(tail);

    assertThat(tail.lines()).containsExactly("b", "c");
    assertThat(tail.count()).isEqualTo(3);
  }

  private static LocalFlowBenchmark.Run localFlowRun() {
    return new LocalFlowBenchmark.Run(
        Duration.ofMillis(4200),
        new EdgeOverhead.Result(500, 300, 200),
        new FlowRunner.Flows(flows(200, 210, 260), flows(1200, 1300, 1400)),
        new FlowRunner.Flows(flows(190, 200, 250), flows(1250, 1200, 1300)),
        List.of(),
        SECOND,
        SECOND);
  }

  private static long[] flows(long... millis) {
    return java.util.Arrays.stream(millis).map(ms -> ms * 1_000_000).toArray();
  }

  private static FunctionStats stats(int instances) {
    return new FunctionStats(
        "PlaceOrderFunction",
        10,
        instances,
        0,
        9,
        0,
        0,
        7,
        0,
        List.of(new FunctionStats.ColdStart(1, Duration.ofMillis(500), Duration.ofMillis(900))));
  }
}
