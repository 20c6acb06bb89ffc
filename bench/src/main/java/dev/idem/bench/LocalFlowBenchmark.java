package dev.idem.bench;

import dev.idem.local.LocalCloud;
import dev.idem.local.lambda.FunctionStats;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

/**
 * The local cloud end to end: how long it takes to be ready, what its edge adds to a DynamoDB call,
 * how long an order takes from {@code POST /orders} to PAID and to FULFILLED (through the Orders
 * stream, the relay, the bus, the payments and inventory queues), on template.yaml as declared —
 * and what the console's capture costs that flow. One cloud runs with the console (its default
 * capacity); the measured orders go to it in rounds with the capture on and paused ({@link
 * LocalCloud#consoleCapture}: nothing kept, as with {@code --no-console}), taking turns, so that
 * the machine's slow and quiet spells fall on both and the same instances, JIT state and tables
 * serve both (two clouds side by side differed by ~4 % on their own, whichever had the console).
 * The cloud first takes {@link #WARMUP_ORDERS} unmeasured orders, so that the functions' instances
 * have started and their hot paths are compiled, and then one unmeasured round one at a time: the
 * first round after the parallel warm-up held the slowest orders of the run whichever setting it
 * measured (the p99 with the capture on was twice the paused one when "on" went first, and half of
 * it when "paused" did).
 */
final class LocalFlowBenchmark {

  /**
   * @param orders measured orders per console setting
   */
  record Config(int orders) {
    static Config parse(List<String> args) {
      return new Config(Args.parse(args, Set.of("orders")).number("orders", 40, 1));
    }
  }

  /**
   * One order at a time, read every 10 ms: latency, not throughput ({@code local-load} measures
   * that). More lanes, or a shorter poll, would have the reads compete with the flow for the CPU.
   */
  static final FlowRunner.Settings SETTINGS =
      new FlowRunner.Settings(1, Duration.ofMillis(10), Duration.ofSeconds(30));

  /** The warm-up: every function's instances start then, so it may take long; 4 at a time. */
  static final FlowRunner.Settings WARMUP =
      new FlowRunner.Settings(4, Duration.ofMillis(10), Duration.ofSeconds(120));

  static final int WARMUP_ORDERS = 20;

  /** Orders per round; rounds alternate the capture on and off, each pair in turn reversed. */
  static final int ROUND = 10;

  private static final boolean[] ON_THEN_OFF = {true, false};
  private static final boolean[] OFF_THEN_ON = {false, true};

  /** The capture's capacity with the console on: {@code bin/idem local}'s default. */
  static final int CONSOLE_ON = LocalCloud.Options.defaults().consoleCapacity();

  static final int EDGE_CALLS = 500;
  static final int EDGE_WARMUP = 100;
  static final String SKU = "SKU-004"; // the seed's largest stock: no order runs out

  /**
   * One run of the flow.
   *
   * @param ready LocalCloud.start to its return, as measured here, for the cloud with the console
   * @param edge the edge's overhead, when measured
   * @param on the measured orders' flows with the console's capture on
   * @param off the same with it paused
   * @param functions the functions' counts at the end, with the console on
   * @param warmupTook how long the warm-up orders took
   * @param took how long the measured orders took
   */
  record Run(
      Duration ready,
      EdgeOverhead.Result edge,
      FlowRunner.Flows on,
      FlowRunner.Flows off,
      List<FunctionStats> functions,
      Duration warmupTook,
      Duration took) {}

  private final Config config;
  private final PrintStream out;
  private final PrintStream progress;
  private final ConsoleTail console = new ConsoleTail(200);

  LocalFlowBenchmark(Config config, PrintStream out, PrintStream progress) {
    this.config = config;
    this.out = out;
    this.progress = progress;
  }

  /** Runs the benchmark and prints its report; the last line is one JSON object. */
  void run() throws Exception {
    ProjectFiles files = ProjectFiles.locate();
    files.functionsJar();
    try {
      double loadBefore = loadAverage();
      Run run = run(files);
      new LocalFlowReport(config.orders(), run, loadBefore, loadAverage()).print(out);
    } catch (RuntimeException e) {
      progress.println("idem bench: the last lines of the local cloud:");
      console.lines().forEach(line -> progress.println("  " + line));
      throw e;
    }
  }

  private Run run(ProjectFiles files) throws InterruptedException {
    progress.println("idem bench: starting the local cloud, console on");
    long begin = System.nanoTime();
    try (LocalCloud cloud =
        Quietly.start(() -> LocalCloud.start(options(files, CONSOLE_ON, console)))) {
      Duration ready = Duration.ofNanos(System.nanoTime() - begin);
      EdgeOverhead.Result edge = edgeOverhead(cloud);
      FlowRunner flows = new FlowRunner(new OrdersApi(cloud.apiUrl().orElseThrow()), SETTINGS, SKU);
      progress.printf(
          Locale.ROOT,
          "idem bench: %d warm-up orders, then %d one at a time%n",
          WARMUP_ORDERS,
          ROUND);
      long warmupBegin = System.nanoTime();
      new FlowRunner(new OrdersApi(cloud.apiUrl().orElseThrow()), WARMUP, SKU).run(WARMUP_ORDERS);
      // One more round, unmeasured, the way the measured ones run: the first round after the
      // parallel warm-up had the run's slowest orders, whichever capture setting it measured.
      flows.run(ROUND);
      Duration warmupTook = Duration.ofNanos(System.nanoTime() - warmupBegin);
      progress.printf(
          Locale.ROOT,
          "idem bench: %d orders with the capture on and %d with it paused, in rounds of %d taking"
              + " turns, one at a time, polled every %d ms%n",
          config.orders(),
          config.orders(),
          ROUND,
          SETTINGS.poll().toMillis());
      FlowRunner.Flows onFlows = FlowRunner.Flows.none();
      FlowRunner.Flows offFlows = FlowRunner.Flows.none();
      long runBegin = System.nanoTime();
      for (int round = 0, left = config.orders(); left > 0; round++, left -= ROUND) {
        int orders = Math.min(ROUND, left);
        // on, off, then off, on: neither always follows the other.
        for (boolean capturing : round % 2 == 0 ? ON_THEN_OFF : OFF_THEN_ON) {
          cloud.consoleCapture(capturing);
          FlowRunner.Flows measured = flows.run(orders);
          if (capturing) {
            onFlows = onFlows.plus(measured);
          } else {
            offFlows = offFlows.plus(measured);
          }
        }
      }
      cloud.consoleCapture(true);
      Duration took = Duration.ofNanos(System.nanoTime() - runBegin);
      return new Run(ready, edge, onFlows, offFlows, cloud.lambda().stats(), warmupTook, took);
    }
  }

  private static LocalCloud.Options options(
      ProjectFiles files, int consoleCapacity, ConsoleTail console) {
    return LocalCloud.Options.builder()
        .project(files.template())
        .seed(files.seed())
        .freePorts()
        .consoleCapacity(consoleCapacity)
        .console(console)
        .build();
  }

  private EdgeOverhead.Result edgeOverhead(LocalCloud cloud) {
    progress.printf(
        Locale.ROOT, "idem bench: edge overhead, %d GetItem calls each way%n", EDGE_CALLS);
    String table = cloud.stack().stack().table("CatalogTable").orElseThrow().name();
    GetItemRequest request =
        GetItemRequest.builder()
            .tableName(table)
            .key(Map.of("sku", AttributeValue.fromS("SKU-001")))
            .build();
    try (DynamoDbClient edge = EdgeOverhead.client(cloud.awsEndpoint());
        DynamoDbClient direct = EdgeOverhead.client(cloud.dynamoDbEndpoint().orElseThrow())) {
      if (!edge.getItem(request).hasItem()) {
        throw new IllegalStateException("SKU-001 is not in " + table + ": the seed did not run");
      }
      return EdgeOverhead.measure(edge, direct, request, EDGE_WARMUP, EDGE_CALLS);
    }
  }

  private static double loadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }
}
