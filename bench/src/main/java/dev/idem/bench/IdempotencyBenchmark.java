package dev.idem.bench;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How much the idempotency library costs a handler whose effect is one DynamoDB write, under each
 * call shape, against DynamoDB Local over loopback HTTP. Every mode runs in every round, in an
 * order rotated per round, so that drift on a noisy machine spreads over all of them; figures are
 * medians over rounds, and ratios are taken within a round.
 */
final class IdempotencyBenchmark {

  /**
   * How long to measure; each setting can be overridden with a system property of the same name
   * prefixed {@code idem.bench.} (for example {@code -Didem.bench.rounds=5}).
   *
   * @param threads client threads in the throughput windows
   * @param rounds how many times each mode is measured
   * @param window how long each measurement lasts
   * @param warmup how long each mode runs before measuring, twice over
   * @param latencyCalls single-thread calls per mode for the median latency
   */
  record Config(int threads, int rounds, Duration window, Duration warmup, int latencyCalls) {
    static Config fromSystemProperties() {
      return new Config(
          Integer.getInteger("idem.bench.threads", 4),
          Integer.getInteger("idem.bench.rounds", 20),
          Duration.ofMillis(Long.getLong("idem.bench.windowMs", 200)),
          Duration.ofMillis(Long.getLong("idem.bench.warmupMs", 300)),
          Integer.getInteger("idem.bench.latencyCalls", 200));
    }
  }

  private final Config config;
  private final PrintStream out;
  private final PrintStream progress;

  IdempotencyBenchmark(Config config, PrintStream out, PrintStream progress) {
    this.config = config;
    this.out = out;
    this.progress = progress;
  }

  /** Runs the benchmark and prints its report; the last line is one JSON object. */
  void run() throws Exception {
    progress.println("idem bench: starting DynamoDB Local and creating the tables");
    try (IdempotencyWorkload workload = IdempotencyWorkload.start();
        LoadRunner runner = new LoadRunner(config.threads())) {
      List<Mode> modes = prepare(workload);
      List<Tally> tallies = modes.stream().map(Tally::new).toList();
      warm(runner, modes);
      double loadBefore = loadAverage();
      measureRounds(runner, workload, tallies);
      measureLatencies(runner, tallies);
      print(new IdempotencyReport(tallies), loadBefore);
    }
  }

  private List<Mode> prepare(IdempotencyWorkload workload) {
    IdempotencyModes library = new IdempotencyModes(workload);
    StoreBaselines raw = new StoreBaselines(workload);
    LibraryOnlyModes libraryOnly = new LibraryOnlyModes();
    library.prepare();
    raw.prepare();
    libraryOnly.prepare();
    List<Mode> modes = new ArrayList<>(library.all());
    modes.addAll(raw.all());
    modes.addAll(libraryOnly.all());
    return modes;
  }

  private void warm(LoadRunner runner, List<Mode> modes) throws Exception {
    progress.printf(Locale.ROOT, "idem bench: warming up %d modes%n", modes.size());
    for (int pass = 0; pass < 2; pass++) {
      for (Mode mode : modes) {
        runner.throughput(mode.invocation(), config.warmup());
      }
    }
  }

  private void measureRounds(LoadRunner runner, IdempotencyWorkload workload, List<Tally> tallies)
      throws Exception {
    for (int round = 0; round < config.rounds(); round++) {
      progress.printf(Locale.ROOT, "idem bench: round %d of %d%n", round + 1, config.rounds());
      List<Tally> order = new ArrayList<>(tallies);
      Collections.rotate(order, -round * tallies.size() / config.rounds());
      for (Tally tally : order) {
        workload.counter().reset();
        LoadRunner.Window window = runner.throughput(tally.mode().invocation(), config.window());
        Map<String, Long> calls = workload.counter().snapshot();
        tally.add(window, calls);
      }
    }
  }

  private void measureLatencies(LoadRunner runner, List<Tally> tallies) throws Exception {
    progress.println("idem bench: single-thread latencies");
    List<Invocation> invocations = tallies.stream().map(t -> t.mode().invocation()).toList();
    long[][] nanos = runner.latencies(invocations, config.latencyCalls());
    for (int m = 0; m < tallies.size(); m++) {
      tallies.get(m).p50Nanos(Stats.percentile(nanos[m], 50));
    }
  }

  private void print(IdempotencyReport report, double loadBefore) {
    out.printf(
        Locale.ROOT,
        "Idempotency benchmark: DynamoDB Local in this JVM, SDK v2 URL-connection HTTP client over"
            + " loopback; Java %s, %d CPUs, load average %.1f before measuring, %.1f after%n",
        Runtime.version(),
        Runtime.getRuntime().availableProcessors(),
        loadBefore,
        loadAverage());
    out.printf(
        Locale.ROOT,
        "%d client threads; %d rounds of %d ms per mode, order rotated per round; inv/s: median"
            + " over rounds; vs bare, vs raw: median of per-round ratios; p50: single-thread"
            + " latency over %d calls per mode, modes taking turns%n",
        config.threads(),
        config.rounds(),
        config.window().toMillis(),
        config.latencyCalls());
    out.println(
        "cpu us/inv: CPU of the whole JVM (DynamoDB Local included) per invocation; client cpu:"
            + " of the client threads only (handler, library, SDK, HTTP client)");
    out.println(
        "listener: IdempotencyListener.NONE (the default EMF listener prints a line per call,"
            + " which would dominate the figures); calls counted by a CallCounter interceptor");
    out.println();
    out.print(report.table());
    out.println();
    out.println("modes (vs raw: against the raw_ mode that sends the same DynamoDB requests):");
    report.legend().forEach(out::println);
    out.println();
    out.println("targets (throughput vs bare):");
    report.verdicts().forEach(out::println);
    out.println(report.json());
  }

  private static double loadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }
}
