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
 * and how long an order takes from {@code POST /orders} to PAID through the Orders stream, the
 * relay, the bus, the payments queue and CapturePayment, on template.yaml as declared. Orders are
 * first placed unmeasured (see {@link FlowRunner.Settings#warmupPerLane()}), so that the functions'
 * instances have started and their hot paths are compiled.
 */
final class LocalFlowBenchmark {

  /**
   * @param orders measured orders per run
   */
  record Config(int orders) {
    static Config parse(List<String> args) {
      return new Config(Args.parse(args, Set.of("orders")).number("orders", 200, 1));
    }
  }

  /**
   * One order at a time, read every 10 ms: latency, not throughput ({@code local-load} measures
   * that). More lanes, or a shorter poll, would have the reads compete with the flow for the CPU.
   */
  static final FlowRunner.Settings SETTINGS =
      new FlowRunner.Settings(1, Duration.ofMillis(10), 20, Duration.ofSeconds(30));

  static final int EDGE_CALLS = 500;
  static final int EDGE_WARMUP = 100;
  static final String SKU = "SKU-004"; // the seed's largest stock: no order runs out

  /**
   * One run of the flow.
   *
   * @param ready LocalCloud.start to its return, as measured here
   * @param edge the edge's overhead, when measured
   * @param flows each measured order's flow, nanoseconds
   * @param functions the functions' counts at the end
   * @param warmupTook how long the warm-up orders took
   * @param took how long the measured orders took
   */
  record Run(
      Duration ready,
      EdgeOverhead.Result edge,
      long[] flows,
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
      progress.println("idem bench: the local cloud's last lines:");
      console.lines().forEach(line -> progress.println("  " + line));
      throw e;
    }
  }

  private Run run(ProjectFiles files) throws InterruptedException {
    progress.println("idem bench: starting the local cloud");
    LocalCloud.Options options =
        LocalCloud.Options.builder()
            .project(files.template())
            .seed(files.seed())
            .freePorts()
            .console(console)
            .build();
    long begin = System.nanoTime();
    try (LocalCloud cloud = Quietly.start(() -> LocalCloud.start(options))) {
      Duration ready = Duration.ofNanos(System.nanoTime() - begin);
      EdgeOverhead.Result edge = edgeOverhead(cloud);
      OrdersApi api = new OrdersApi(cloud.apiUrl().orElseThrow());
      int warmup = SETTINGS.lanes() * SETTINGS.warmupPerLane();
      progress.printf(Locale.ROOT, "idem bench: %d warm-up orders%n", warmup);
      long warmupBegin = System.nanoTime();
      new FlowRunner(api, SETTINGS.warmup(), SKU).run(warmup);
      Duration warmupTook = Duration.ofNanos(System.nanoTime() - warmupBegin);
      FlowRunner runner = new FlowRunner(api, SETTINGS, SKU);
      progress.printf(
          Locale.ROOT,
          "idem bench: %d orders, %d at a time, polled every %d ms%n",
          config.orders(),
          SETTINGS.lanes(),
          SETTINGS.poll().toMillis());
      long runBegin = System.nanoTime();
      long[] flows = runner.run(config.orders());
      Duration took = Duration.ofNanos(System.nanoTime() - runBegin);
      return new Run(ready, edge, flows, cloud.lambda().stats(), warmupTook, took);
    }
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
