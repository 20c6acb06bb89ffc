package dev.idem.bench;

import dev.idem.local.LocalCloud;
import dev.idem.local.lambda.FunctionStats;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * and how long an order takes from {@code POST /orders} to PAID through the stream, the relay, the
 * bus, the payments queue and CapturePayment.
 *
 * <p>The flow runs twice, each on a fresh local cloud: on template.yaml as declared, whose stream
 * and queue event sources gather batches for up to 1 s ({@code MaximumBatchingWindowInSeconds: 1})
 * as Lambda does; then on a copy with those windows at 0, which leaves what the local cloud itself
 * takes. Each run first places orders unmeasured (see {@link FlowRunner.Settings#warmupPerLane()}),
 * so that the functions' instances have started and warmed up.
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
   * The declared windows keep an order about two seconds: ten lanes (the API functions' instance
   * limit) keep the run short; a 100 ms poll keeps the reads from loading the machine.
   */
  static final FlowRunner.Settings DECLARED =
      new FlowRunner.Settings(10, Duration.ofMillis(100), 2, Duration.ofSeconds(30));

  /**
   * Without windows an order takes a few hundred milliseconds, of which the instances' first
   * invocations (interpreted, then C1-compiled code) take most: eight orders per lane first.
   */
  static final FlowRunner.Settings UNBATCHED =
      new FlowRunner.Settings(3, Duration.ofMillis(10), 8, Duration.ofSeconds(30));

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
    Path work = Files.createTempDirectory("idem-local-flow-");
    try {
      double loadBefore = loadAverage();
      Run declared = run("template.yaml as declared", files.template(), files, DECLARED, true);
      Path unbatchedTemplate = unbatchedTemplate(files, work);
      Run unbatched = run("batching windows at 0", unbatchedTemplate, files, UNBATCHED, false);
      new LocalFlowReport(config.orders(), declared, unbatched, loadBefore, loadAverage())
          .print(out);
    } catch (RuntimeException e) {
      progress.println("idem bench: the local cloud's last lines:");
      console.lines().forEach(line -> progress.println("  " + line));
      throw e;
    } finally {
      Files.deleteIfExists(work.resolve("template.yaml"));
      Files.deleteIfExists(work);
    }
  }

  private Run run(
      String label,
      Path template,
      ProjectFiles files,
      FlowRunner.Settings settings,
      boolean measureEdge)
      throws InterruptedException {
    progress.println("idem bench: starting the local cloud (" + label + ")");
    LocalCloud.Options options =
        LocalCloud.Options.defaults()
            .withTemplate(template, files.seed())
            .withFreePorts()
            .withConsole(console);
    long begin = System.nanoTime();
    try (LocalCloud cloud = Quietly.start(() -> LocalCloud.start(options))) {
      Duration ready = Duration.ofNanos(System.nanoTime() - begin);
      EdgeOverhead.Result edge = measureEdge ? edgeOverhead(cloud) : null;
      OrdersApi api = new OrdersApi(cloud.apiUrl().orElseThrow());
      int warmup = settings.lanes() * settings.warmupPerLane();
      progress.printf(Locale.ROOT, "idem bench: %d warm-up orders%n", warmup);
      long warmupBegin = System.nanoTime();
      new FlowRunner(api, settings.warmup(), SKU).run(warmup);
      Duration warmupTook = Duration.ofNanos(System.nanoTime() - warmupBegin);
      FlowRunner runner = new FlowRunner(api, settings, SKU);
      progress.printf(
          Locale.ROOT,
          "idem bench: %d orders, %d at a time, polled every %d ms%n",
          config.orders(),
          settings.lanes(),
          settings.poll().toMillis());
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

  /**
   * A copy of template.yaml whose event sources invoke as soon as they have records: every {@code
   * MaximumBatchingWindowInSeconds} at 0, the CodeUri made absolute (the copy lives elsewhere).
   */
  static Path unbatchedTemplate(ProjectFiles files, Path folder) throws IOException {
    String yaml = Files.readString(files.template());
    String unbatched =
        yaml.replaceAll("MaximumBatchingWindowInSeconds: \\d+", "MaximumBatchingWindowInSeconds: 0")
            .replace(
                "CodeUri: functions/target/idem-functions.jar",
                "CodeUri: " + files.functionsJar().toAbsolutePath());
    if (unbatched.equals(yaml) || unbatched.contains("CodeUri: functions/")) {
      throw new IllegalStateException(
          "template.yaml changed: its batching windows or CodeUri are no longer where expected");
    }
    return Files.writeString(folder.resolve("template.yaml"), unbatched);
  }

  private static double loadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }
}
