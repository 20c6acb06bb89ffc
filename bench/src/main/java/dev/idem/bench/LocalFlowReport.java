package dev.idem.bench;

import dev.idem.local.lambda.FunctionStats;
import java.io.PrintStream;
import java.util.Comparator;
import java.util.Locale;

/** The local-flow benchmark's report: ready time, edge overhead, both flow runs. */
record LocalFlowReport(
    int orders,
    LocalFlowBenchmark.Run declared,
    LocalFlowBenchmark.Run unbatched,
    double loadBefore,
    double loadAfter) {

  static final long READY_AIM_MS = 5_000;
  static final long FLOW_AIM_MS = 300;

  void print(PrintStream out) {
    out.printf(
        Locale.ROOT,
        "Local flow: the local cloud on free ports, one JVM; Java %s, %d CPUs, load average %.1f"
            + " before, %.1f after%n%n",
        Runtime.version(),
        Runtime.getRuntime().availableProcessors(),
        loadBefore,
        loadAfter);
    out.printf(
        Locale.ROOT,
        "ready: %d ms from LocalCloud.start to ready (aim <= %d ms); %d ms the second time%n",
        declared.ready().toMillis(),
        READY_AIM_MS,
        unbatched.ready().toMillis());
    EdgeOverhead.Result edge = declared.edge();
    out.printf(
        Locale.ROOT,
        "edge: DynamoDB GetItem median %.0f us through the edge, %.0f us straight to DynamoDB"
            + " Local, ratio %.2f (%d calls each, taking turns, after %d each to warm up)%n%n",
        edge.edgeMedianMicros(),
        edge.directMedianMicros(),
        edge.ratio(),
        edge.calls(),
        LocalFlowBenchmark.EDGE_WARMUP);
    out.println("flow: POST /orders -> GET /orders/{id} shows PAID (ms)");
    out.print(flowTable());
    out.printf(
        Locale.ROOT,
        "aim: p50 <= %d ms. The template's two 1 s batching windows (relay stream, payments"
            + " queue) are on the path; with them at 0 the local cloud's own p50 is %d ms%n%n",
        FLOW_AIM_MS,
        millis(Stats.percentile(unbatched.flows(), 50)));
    out.println("instances per function (template.yaml as declared, warm-up included):");
    declared.functions().stream()
        .sorted(Comparator.comparing(FunctionStats::name))
        .forEach(stats -> out.println("  " + stats.summary()));
    out.println(json());
  }

  String flowTable() {
    Table table =
        new Table(
            "LRRRRRRRRR",
            "run",
            "windows",
            "warm-up",
            "orders",
            "lanes",
            "took",
            "p50",
            "p90",
            "p99",
            "max");
    row(table, "template.yaml", "1 s", declared, LocalFlowBenchmark.DECLARED);
    row(table, "unbatched copy", "0", unbatched, LocalFlowBenchmark.UNBATCHED);
    return table.render();
  }

  private static void row(
      Table table,
      String name,
      String windows,
      LocalFlowBenchmark.Run run,
      FlowRunner.Settings settings) {
    long[] flows = run.flows();
    table.row(
        name,
        windows,
        Integer.toString(settings.lanes() * settings.warmupPerLane()),
        Integer.toString(flows.length),
        settings.lanes() + " (poll " + settings.poll().toMillis() + " ms)",
        String.format(
            Locale.ROOT,
            "%.0f s + %.0f s",
            run.warmupTook().toMillis() / 1000.0,
            run.took().toMillis() / 1000.0),
        Long.toString(millis(Stats.percentile(flows, 50))),
        Long.toString(millis(Stats.percentile(flows, 90))),
        Long.toString(millis(Stats.percentile(flows, 99))),
        Long.toString(millis(Stats.percentile(flows, 100))));
  }

  String json() {
    return new JsonLine()
        .number("ready_ms", declared.ready().toMillis())
        .number("flow_p50_ms", millis(Stats.percentile(declared.flows(), 50)))
        .number("flow_p99_ms", millis(Stats.percentile(declared.flows(), 99)))
        .number("edge_overhead_ratio", Stats.round(declared.edge().ratio(), 2))
        .number("unbatched_flow_p50_ms", millis(Stats.percentile(unbatched.flows(), 50)))
        .number("unbatched_flow_p99_ms", millis(Stats.percentile(unbatched.flows(), 99)))
        .toString();
  }

  private static long millis(long nanos) {
    return Math.round(nanos / 1e6);
  }
}
