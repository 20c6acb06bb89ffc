package dev.idem.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.idem.local.LocalCloud;
import dev.idem.local.lambda.Scaling;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The local cloud under load: {@code --clients} clients (50) place orders for {@code --seconds}
 * (20) against template.yaml as declared, with the default concurrency limit of 10 instances per
 * function; then, within a deadline, every accepted order must be paid and every queue drained. The
 * report gives throughput, latency, how the functions scaled, the instances' memory, and the counts
 * that prove nothing was done twice or lost.
 *
 * <p>The same load runs twice in one benchmark: first as a baseline with the instance features off
 * (no AOT cache, no start pacing, no warm instances), then with the local cloud's defaults and one
 * warm instance per function, after one order has trained the AOT caches; the report is the second
 * run's, with its throughput over the baseline's.
 */
final class LocalLoadBenchmark {

  /**
   * @param clients concurrent clients
   * @param seconds how long they place orders
   */
  record Config(int clients, int seconds) {
    static Config parse(List<String> args) {
      Args options = Args.parse(args, Set.of("clients", "seconds"));
      return new Config(options.number("clients", 50, 1), options.number("seconds", 20, 1));
    }
  }

  static final Duration SETTLE_DEADLINE = Duration.ofSeconds(90);
  static final Duration SETTLE_POLL = Duration.ofSeconds(1);
  static final long STOCK = 1_000_000;

  private final Config config;
  private final PrintStream out;
  private final PrintStream progress;
  private final ConsoleTail console = new ConsoleTail(200);

  LocalLoadBenchmark(Config config, PrintStream out, PrintStream progress) {
    this.config = config;
    this.out = out;
    this.progress = progress;
  }

  /** Runs the benchmark and prints its report; the last line is one JSON object. */
  void run() throws Exception {
    ProjectFiles files = ProjectFiles.locate();
    files.functionsJar();
    LocalCloud.Options options =
        LocalCloud.Options.builder()
            .project(files.template())
            .seed(seedWithoutStockLimit(files))
            .freePorts()
            .console(console)
            .build();
    LocalCloud.Options baseline =
        options.toBuilder().aotCache(null).scaling(Scaling.unbounded()).build();
    LocalCloud.Options tuned =
        options.toBuilder().scaling(Scaling.forThisMachine().withWarm(1)).build();
    progress.println("idem bench: baseline run (no AOT cache, no start pacing, no warm pool)");
    LoadReport before = phase(baseline, Double.NaN);
    progress.println("idem bench: training the AOT caches with one order");
    trainCaches(tuned);
    progress.println("idem bench: run with the defaults (AOT cache, start pacing, 1 warm each)");
    LoadReport after = phase(tuned, before.throughput());
    out.printf(
        Locale.ROOT,
        "baseline (same run, no AOT cache, no pacing, no warm pool): %.1f orders/s, POST p99 %d"
            + " ms, %d timeouts, %d unsettled, %d lost, instances at most %d MB together%n"
            + "with the defaults (AOT cache, pacing, 1 warm instance each):%n%n",
        before.throughput(),
        Math.round(Stats.percentile(before.load().createdLatenciesNanos(), 99) / 1e6),
        before.timeouts(),
        before.unsettledOrders(),
        before.lostOrders(),
        before.peakRssMb());
    after.print(out);
  }

  /** One load run on a cloud with these options: its report (also kept for the last line). */
  private LoadReport phase(LocalCloud.Options options, double baseline) throws Exception {
    progress.println("idem bench: starting the local cloud");
    try (LocalCloud cloud = Quietly.start(() -> LocalCloud.start(options));
        MemorySampler memory = new MemorySampler(cloud.lambda())) {
      OrdersApi api = new OrdersApi(cloud.apiUrl().orElseThrow());
      progress.printf(
          Locale.ROOT, "idem bench: %d clients for %d s%n", config.clients(), config.seconds());
      LoadClients.Result load =
          new LoadClients(api).run(config.clients(), Duration.ofSeconds(config.seconds()));
      progress.printf(
          Locale.ROOT,
          "idem bench: %d orders accepted; waiting for them to be paid and the queues drained%n",
          load.accepted().size());
      long settleBegin = System.nanoTime();
      SystemState state = settle(cloud, api, load);
      Duration settled = Duration.ofNanos(System.nanoTime() - settleBegin);
      LoadReport report =
          new LoadReport(
              config,
              load,
              state,
              settled,
              cloud.lambda().stats(),
              console.outcomes(),
              memory.peakMb(),
              baseline);
      console.clear();
      return report;
    } catch (RuntimeException e) {
      progress.println("idem bench: the local cloud's last lines:");
      console.lines().forEach(line -> progress.println("  " + line));
      throw e;
    }
  }

  /**
   * One order through every function on a cloud with these options, then a clean stop: each
   * function's first instance writes its AOT cache as it stops (nothing to do when they exist).
   */
  private void trainCaches(LocalCloud.Options options) throws Exception {
    try (LocalCloud cloud = Quietly.start(() -> LocalCloud.start(options))) {
      OrdersApi api = new OrdersApi(cloud.apiUrl().orElseThrow());
      LoadClients.Result one = new LoadClients(api).run(1, Duration.ofSeconds(60), 1);
      settle(cloud, api, one);
    }
  }

  /**
   * Reads the system every second until every accepted order is paid, no work queue holds a
   * message, and every payment and reservation has its notification; or the deadline passes.
   */
  private SystemState settle(LocalCloud cloud, OrdersApi api, LoadClients.Result load)
      throws InterruptedException {
    long deadline = System.nanoTime() + SETTLE_DEADLINE.toNanos();
    while (true) {
      SystemState state = SystemState.read(cloud, api);
      boolean settled =
          state.paid(load.accepted().values()) == load.accepted().size()
              && state.workMessages() == 0
              && state.notifiedEvents() >= state.paid(state.orders().keySet()) + state.reserved();
      if (settled || System.nanoTime() > deadline) {
        return state;
      }
      Thread.sleep(SETTLE_POLL);
    }
  }

  /** The repository's seed with every SKU stocked far beyond what a run can order. */
  private static Path seedWithoutStockLimit(ProjectFiles files) throws IOException {
    ObjectMapper json = new ObjectMapper();
    ObjectNode seed = (ObjectNode) json.readTree(files.seed().toFile());
    seed.path("tables")
        .path("InventoryTable")
        .forEach(item -> ((ObjectNode) item).put("available", STOCK));
    Path target = files.root().resolve("bench/target/local-load-seed.json");
    Files.createDirectories(target.getParent());
    json.writerWithDefaultPrettyPrinter().writeValue(target.toFile(), seed);
    return target;
  }
}
