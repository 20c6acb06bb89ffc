package dev.idem.bench;

import dev.idem.local.lambda.FunctionStats;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The local-load benchmark's report: load, scaling, and the correctness counts.
 *
 * @param peakRssMb the most resident memory all instances held together, sampled (0: not measured)
 * @param baseline the same run's throughput without the AOT cache, pacing and warm instances, in
 *     orders per second; NaN when there was no baseline run
 */
record LoadReport(
    LocalLoadBenchmark.Config config,
    LoadClients.Result load,
    SystemState state,
    Duration settled,
    List<FunctionStats> functions,
    Map<String, Long> outcomes,
    long peakRssMb,
    double baseline) {

  /** A report without a memory sample or a baseline. */
  LoadReport(
      LocalLoadBenchmark.Config config,
      LoadClients.Result load,
      SystemState state,
      Duration settled,
      List<FunctionStats> functions,
      Map<String, Long> outcomes) {
    this(config, load, state, settled, functions, outcomes, 0, Double.NaN);
  }

  long accepted() {
    return load.accepted().size();
  }

  long paid() {
    return state.paid(load.accepted().values());
  }

  /** Orders beyond one per accepted key, and retries answered with another order. */
  long duplicateOrders() {
    return Math.max(0, state.orders().size() - accepted()) + load.retryMismatches();
  }

  /** Charges beyond one per paid order. */
  long duplicateCharges() {
    return Math.max(0, state.charges() - state.paid(state.orders().keySet()));
  }

  /** Accepted orders that are not in the orders table: answered 201, then gone. */
  long lostOrders() {
    return load.accepted().values().stream()
        .filter(orderId -> !state.orders().containsKey(orderId))
        .count();
  }

  /** Accepted orders in the table but not paid when the run ended. */
  long unsettledOrders() {
    return accepted() - paid() - lostOrders();
  }

  /** Invocations killed by their function's timeout. */
  long timeouts() {
    return functions.stream().mapToLong(FunctionStats::timeouts).sum();
  }

  /** One notification per PaymentCaptured and per InventoryReserved event. */
  long expectedNotifications() {
    return state.paid(state.orders().keySet()) + state.reserved();
  }

  double throughput() {
    return accepted() / (load.elapsed().toNanos() / 1e9);
  }

  void print(PrintStream out) {
    out.printf(
        Locale.ROOT,
        "Local load: %d clients for %d s against template.yaml as declared (limit 10 instances"
            + " per function, queue sources at MaximumConcurrency 5); every tenth client sends each"
            + " order twice under the same Idempotency-Key; a 429 is retried after a jittered pause"
            + " doubling from %d to %d ms; Java %s, %d CPUs%n%n",
        config.clients(),
        config.seconds(),
        LoadClients.FIRST_THROTTLE_PAUSE.toMillis(),
        LoadClients.LONGEST_THROTTLE_PAUSE.toMillis(),
        Runtime.version(),
        Runtime.getRuntime().availableProcessors());
    long[] latencies = load.createdLatenciesNanos();
    out.printf(
        Locale.ROOT,
        "load: %d orders accepted in %.1f s = %.1f orders/s; POST answered 201: p50 %d ms, p99 %d"
            + " ms (%d answers, retries included); 429: %d; other answers: %s%n",
        accepted(),
        load.elapsed().toNanos() / 1e9,
        throughput(),
        millis(Stats.percentile(latencies, 50)),
        millis(Stats.percentile(latencies, 99)),
        latencies.length,
        load.throttled(),
        load.otherAnswers().isEmpty() ? "none" : load.otherAnswers());
    out.printf(
        Locale.ROOT,
        "%s %.1f s after the load ended%n%n",
        settled.compareTo(LocalLoadBenchmark.SETTLE_DEADLINE) < 0 ? "settled" : "NOT settled",
        settled.toNanos() / 1e9);
    out.print(functionTable());
    out.printf(
        Locale.ROOT,
        "invocations killed by their timeout: %d; instances' resident memory at most %s%n",
        timeouts(),
        peakRssMb > 0 ? peakRssMb + " MB together" : "not measured");
    out.println("invocations by outcome (event sources and API, from the local cloud's log):");
    outcomes.forEach((outcome, count) -> out.printf(Locale.ROOT, "  %6d  %s%n", count, outcome));
    out.println();
    printCounts(out);
    out.println(json());
  }

  private void printCounts(PrintStream out) {
    out.println("correctness:");
    out.printf(
        Locale.ROOT,
        "  orders created %d = distinct keys accepted %d; %d retries answered 201, %d with another"
            + " order%n",
        state.orders().size(),
        accepted(),
        load.retries(),
        load.retryMismatches());
    out.printf(
        Locale.ROOT,
        "  accepted orders paid %d of %d (%d unsettled, %d lost); charges %d (for %d orders) ="
            + " orders paid %d%n",
        paid(),
        accepted(),
        unsettledOrders(),
        lostOrders(),
        state.charges(),
        state.chargedOrders(),
        state.paid(state.orders().keySet()));
    out.printf(
        Locale.ROOT,
        "  notifications %d for %d events = expected %d (one per PaymentCaptured and"
            + " InventoryReserved)%n",
        state.notifications(),
        state.notifiedEvents(),
        expectedNotifications());
    out.printf(
        Locale.ROOT,
        "  messages left: %d in work queues (a failed batch comes back after its queue's"
            + " visibility timeout), %d in dead-letter queues%n",
        state.workMessages(),
        state.dlqMessages());
  }

  String functionTable() {
    Table table =
        new Table(
            "LRRRRRRR",
            "function",
            "instances",
            "limit",
            "cold starts",
            "median cold",
            "invocations",
            "errors",
            "throttled");
    functions.stream()
        .sorted(Comparator.comparing(FunctionStats::name))
        .forEach(f ->
            table.row(
                f.name(),
                Integer.toString(f.instancesStarted()),
                Integer.toString(f.concurrencyLimit()),
                Integer.toString(f.coldStarts().size()),
                f.medianColdStart().toMillis() + " ms",
                Long.toString(f.invocations()),
                Long.toString(f.errors()),
                Long.toString(f.throttles())));
    return table.render();
  }

  String json() {
    long[] latencies = load.createdLatenciesNanos();
    JsonLine json =
        new JsonLine()
            .number("throughput_per_s", Stats.round(throughput(), 1))
            .number("p50_ms", millis(Stats.percentile(latencies, 50)))
            .number("p99_ms", millis(Stats.percentile(latencies, 99)))
            .number(
                "instances_max",
                functions.stream().mapToInt(FunctionStats::instancesStarted).max().orElse(0))
            .number("cold_starts", functions.stream().mapToInt(f -> f.coldStarts().size()).sum())
            .number("throttled", load.throttled())
            .number("duplicate_orders", duplicateOrders())
            .number("duplicate_charges", duplicateCharges())
            .number("lost_orders", lostOrders())
            .number("dlq_messages", state.dlqMessages())
            .number("timeouts", timeouts())
            .number("unsettled_orders", unsettledOrders());
    if (!Double.isNaN(baseline) && baseline > 0) {
      json.number("throughput_vs_baseline", Stats.round(throughput() / baseline, 2))
          .number("baseline_throughput_per_s", Stats.round(baseline, 1));
    }
    return json.number("peak_rss_mb", peakRssMb).toString();
  }

  private static long millis(long nanos) {
    return Math.round(nanos / 1e6);
  }
}
