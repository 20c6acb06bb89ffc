package dev.idem.bench;

import dev.idem.local.faults.FaultPlan;
import dev.idem.local.faults.FaultRuleException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code bin/idem bench exactly-once}: the reference system under every kind of fault, audited from
 * the outside. It starts a local cloud on template.yaml (see {@link Config#visibilityTimeout()}),
 * subscribes to the orders bus, installs the fault mix ({@link FaultMix}, or {@code --faults
 * FILE}), places {@code --orders} orders from {@code --clients} clients ({@link AuditClients}),
 * clears the faults, waits for the system to settle, and checks the {@link Invariants}. The report
 * ends with one JSON line; the run's fault seed is in it, so a violation can be replayed with
 * {@code --fault-seed}.
 */
final class ExactlyOnceBenchmark {

  static final Set<String> OPTIONS =
      Set.of("orders", "clients", "faults", "fault-seed", "visibility-timeout");

  /**
   * Each function's instance limit. Every instance is a JVM; on two cores, ten PlaceOrder instances
   * starting at once (the local cloud's default limit), each again after every kill, take longer
   * than Lambda's 10 s init limit and fail in a cascade that no fault caused.
   */
  static final int CONCURRENCY_LIMIT = 4;

  /** The template's {@code QueueMaximumConcurrency} (default 5, Lambda's least is 2). */
  static final int QUEUE_CONCURRENCY = 2;

  /** How long an impatient client waits for its first answer. */
  static final Duration SHORT_TIMEOUT = Duration.ofMillis(300);

  /**
   * @param orders orders to place (5,000)
   * @param clients concurrent clients (8)
   * @param faults the faults file, or null for the default mix
   * @param faultSeed the seed of the fault decisions, or null for the file's, else a random one
   * @param visibilityTimeout the work queues' visibility timeout: template.yaml declares 180 s;
   *     {@link #VISIBILITY_TIMEOUT} by default, in a copy of the template (see there)
   */
  record Config(int orders, int clients, Path faults, Long faultSeed, Duration visibilityTimeout) {

    /**
     * Reads the options.
     *
     * @throws Args.UsageException for an unknown option, a bad number, or a faults file that is
     *     missing or not valid
     */
    static Config parse(List<String> args) {
      Args options = Args.parse(args, OPTIONS);
      Path faults = options.text("faults").map(Path::of).orElse(null);
      if (faults != null) {
        plan(faults);
      }
      int visibility =
          options.number("visibility-timeout", (int) VISIBILITY_TIMEOUT.toSeconds(), 21);
      return new Config(
          options.number("orders", 5_000, 1),
          options.number("clients", 8, 1),
          faults,
          options.longNumber("fault-seed").isPresent()
              ? options.longNumber("fault-seed").getAsLong()
              : null,
          Duration.ofSeconds(visibility));
    }
  }

  /**
   * The work queues' visibility timeout the benchmark runs with. template.yaml declares 180 s (6 ×
   * the 20 s function timeout, plus room); every batch a fault fails then waits 3 minutes for its
   * retry, and a message failed twice 6, which does not fit a 15-minute run. 30 s still exceeds the
   * functions' timeout, so a message is never handed out while a healthy invocation holds it.
   */
  static final Duration VISIBILITY_TIMEOUT = Duration.ofSeconds(30);

  private final Config config;
  private final PrintStream out;
  private final PrintStream progress;
  private final ConsoleTail console = new ConsoleTail(200);

  ExactlyOnceBenchmark(Config config, PrintStream out, PrintStream progress) {
    this.config = config;
    this.out = out;
    this.progress = progress;
  }

  /** Runs the audit and prints its report; the last line is one JSON object. */
  void run() throws Exception {
    ProjectFiles files = ProjectFiles.locate();
    files.functionsJar();
    FaultPlan plan = faults(files);
    long begin = System.nanoTime();
    Path log = AuditFiles.in(files).folder().resolve("console.log");
    progress.println("idem bench: the local cloud's console goes to " + log);
    try (ConsoleFile file = ConsoleFile.open(log, console);
        ExactlyOnceRun run = ExactlyOnceRun.start(files, settings(plan), file, progress)) {
      AuditClients.Result load = run.drive();
      ExactlyOnceRun.Settling settling = run.settle(load);
      Observed observed = run.observe();
      List<Violation> violations = run.check(load.submissions(), observed);
      new ExactlyOnceReport(
              setup(plan),
              plan.seed(),
              load,
              settling,
              observed,
              violations,
              run.cloud().faults().log().byKind(),
              run.cloud().lambda().stats(),
              Duration.ofNanos(System.nanoTime() - begin))
          .print(out);
    } catch (RuntimeException e) {
      progress.println("idem bench: the local cloud's last lines:");
      console.lines().forEach(line -> progress.println("  " + line));
      throw e;
    }
  }

  ExactlyOnceRun.Settings settings(FaultPlan plan) {
    Duration visibility = config.visibilityTimeout();
    Duration declared = AuditFiles.DECLARED_VISIBILITY;
    return new ExactlyOnceRun.Settings(
        config.orders(),
        config.clients(),
        plan,
        visibility.equals(declared) ? null : visibility,
        CONCURRENCY_LIMIT,
        QUEUE_CONCURRENCY,
        SHORT_TIMEOUT,
        stallLimit(visibility));
  }

  /** Two visibility timeouts (a batch failed twice) and two minutes. */
  static Duration stallLimit(Duration visibility) {
    return visibility.multipliedBy(2).plusMinutes(2);
  }

  /** The faults file's plan, or the default mix (written to a file beside the run's seed). */
  private FaultPlan faults(ProjectFiles files) throws IOException {
    FaultPlan plan;
    if (config.faults() != null) {
      plan = plan(config.faults());
    } else {
      String json = FaultMix.json(config.orders());
      Files.writeString(AuditFiles.in(files).folder().resolve("faults.json"), json);
      plan = FaultPlan.parse(json);
    }
    long seed =
        config.faultSeed() != null
            ? config.faultSeed()
            : plan.seed() != null ? plan.seed() : ThreadLocalRandom.current().nextLong();
    return plan.withSeed(seed);
  }

  private static FaultPlan plan(Path file) {
    try {
      return FaultPlan.read(file);
    } catch (FaultRuleException | UncheckedIOException e) {
      throw new Args.UsageException(e.getMessage());
    }
  }

  private String setup(FaultPlan plan) {
    return String.format(
        Locale.ROOT,
        "Exactly-once audit: %d orders from %d clients on template.yaml (work queues' visibility"
            + " timeout %d s%s); faults: %s, %d rules, seed %d, in force until the system"
            + " settled; Java %s, %d CPUs",
        config.orders(),
        config.clients(),
        config.visibilityTimeout().toSeconds(),
        config.visibilityTimeout().equals(AuditFiles.DECLARED_VISIBILITY)
            ? ", as declared"
            : " in a copy; declared 180 s",
        config.faults() == null
            ? "the default mix (bench/target/exactly-once/faults.json)"
            : config.faults().toString(),
        plan.rules().size() + plan.chaos().size(),
        plan.seed(),
        Runtime.version(),
        Runtime.getRuntime().availableProcessors());
  }
}
