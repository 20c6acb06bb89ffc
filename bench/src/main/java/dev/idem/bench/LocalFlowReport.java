package dev.idem.bench;

import dev.idem.local.lambda.FunctionStats;
import java.io.PrintStream;
import java.util.Comparator;
import java.util.Locale;

/** The local-flow benchmark's report: ready time, edge overhead, the flow's latency. */
record LocalFlowReport(
    int orders, LocalFlowBenchmark.Run run, double loadBefore, double loadAfter) {

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
        "ready: %d ms from LocalCloud.start to ready (aim <= %d ms)%n",
        run.ready().toMillis(),
        READY_AIM_MS);
    EdgeOverhead.Result edge = run.edge();
    out.printf(
        Locale.ROOT,
        "edge: DynamoDB GetItem median %.0f us through the edge, %.0f us straight to DynamoDB"
            + " Local, ratio %.2f (%d calls each, taking turns, after %d each to warm up)%n%n",
        edge.edgeMedianMicros(),
        edge.directMedianMicros(),
        edge.ratio(),
        edge.calls(),
        LocalFlowBenchmark.EDGE_WARMUP);
    out.println(
        "flow: POST /orders -> GET /orders/{id} shows PAID (ms), on template.yaml as declared");
    out.print(flowTable());
    out.printf(Locale.ROOT, "aim: p50 <= %d ms%n%n", FLOW_AIM_MS);
    out.println("instances per function (warm-up included):");
    run.functions().stream()
        .sorted(Comparator.comparing(FunctionStats::name))
        .forEach(stats -> out.println("  " + stats.summary()));
    out.println(json());
  }

  String flowTable() {
    Table table =
        new Table("RRRRRRRR", "warm-up", "orders", "lanes", "took", "p50", "p90", "p99", "max");
    FlowRunner.Settings settings = LocalFlowBenchmark.SETTINGS;
    long[] flows = run.flows();
    table.row(
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
    return table.render();
  }

  String json() {
    return new JsonLine()
        .number("ready_ms", run.ready().toMillis())
        .number("flow_p50_ms", millis(Stats.percentile(run.flows(), 50)))
        .number("flow_p99_ms", millis(Stats.percentile(run.flows(), 99)))
        .number("edge_overhead_ratio", Stats.round(run.edge().ratio(), 2))
        .number("flow_p90_ms", millis(Stats.percentile(run.flows(), 90)))
        .number(
            "edge_overhead_us",
            Math.round(run.edge().edgeMedianMicros() - run.edge().directMedianMicros()))
        .toString();
  }

  private static long millis(long nanos) {
    return Math.round(nanos / 1e6);
  }
}
