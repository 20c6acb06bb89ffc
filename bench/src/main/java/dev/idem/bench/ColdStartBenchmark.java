package dev.idem.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idem.local.lambda.FunctionDefinition;
import dev.idem.local.lambda.FunctionPool;
import dev.idem.local.lambda.FunctionStats.ColdStart;
import dev.idem.local.lambda.InvocationResult;
import dev.idem.local.lambda.LambdaRuntime;
import dev.idem.local.lambda.Scaling;
import dev.idem.local.template.FunctionSpec;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Cold starts of the six reference functions as the local cloud runs them (each instance its own
 * JVM process running AWS's runtime interface client), next to bare handlers that make the same
 * first DynamoDB call without the idempotency library, from a copy of the same jar.
 *
 * <p>Every invocation starts a new instance: the pool's idle instances are retired after each one.
 * A round invokes each function and each bare twin once (the three queue consumers share theirs:
 * same event type, same first call), a twin next to its first function, before or after it by
 * turns, with fresh sample events (new ids, so each is a first execution, not a replay): the order
 * that PlaceOrder creates is the one the other functions' events are about. One unmeasured round of
 * class probes (the functions and twins with {@code -Xlog:class+load}) first warms the AWS side
 * (every DynamoDB operation they make) and the file cache, and counts the classes each loads by its
 * first response. Figures are medians over the measured rounds, from process start as the pool
 * timed it.
 *
 * <p>The six functions also run in a second runtime whose instances use class-loading caches (the
 * JDK's AOT cache) in a fresh folder: its warm-up round is their training run (each function
 * invoked once, its instance retired so that the JVM writes the cache), and in every measured round
 * each function starts once more from its cache, before or after its plain round by turns, with its
 * own order.
 */
final class ColdStartBenchmark {

  /**
   * @param rounds measured cold starts per function and per bare twin
   */
  record Config(int rounds) {
    static Config parse(List<String> args) {
      return new Config(Args.parse(args, Set.of("rounds")).number("rounds", 10, 1));
    }
  }

  static final int WARMUP_ROUNDS = 1;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Config config;
  private final PrintStream out;
  private final PrintStream progress;
  private final Map<String, List<ColdStart>> coldStarts = new HashMap<>();
  private Path work;

  ColdStartBenchmark(Config config, PrintStream out, PrintStream progress) {
    this.config = config;
    this.out = out;
    this.progress = progress;
  }

  /** Runs the benchmark and prints its report; the last line is one JSON object. */
  void run() throws Exception {
    ProjectFiles files = ProjectFiles.locate();
    Path functionsJar = files.functionsJar();
    progress.println("idem bench: starting the AWS side, provisioning template.yaml");
    work = Files.createTempDirectory("idem-cold-start-");
    try (ColdStartCloud cloud = ColdStartCloud.start(files)) {
      Path bareJar =
          BareJar.write(functionsJar, work.resolve("idem-functions-bare.jar"), BareTwin.CLASSES);
      List<FunctionDefinition> functions = definitions(cloud, bareJar);
      LambdaRuntime.Options options =
          new LambdaRuntime.Options(cloud.aws().edgeUrl(), Duration.ofSeconds(30), line -> {})
              .withScaling(Scaling.unbounded());
      List<FunctionDefinition> subjects =
          functions.stream()
              .filter(
                  f -> ColdStartSubject.ALL.stream().anyMatch(s -> s.function().equals(f.name())))
              .toList();
      try (LambdaRuntime lambda = LambdaRuntime.start(functions, options);
          LambdaRuntime cached =
              LambdaRuntime.start(subjects, options.withAotCache(work.resolve("aot")))) {
        double loadBefore = loadAverage();
        long begin = System.nanoTime();
        runRounds(lambda, cached, new SampleEvents(files));
        Duration took = Duration.ofNanos(System.nanoTime() - begin);
        print(ColdStartReport.of(coldStarts, this::classCounts), functionsJar, took, loadBefore);
      }
    } finally {
      deleteTree(work);
    }
  }

  private List<FunctionDefinition> definitions(ColdStartCloud cloud, Path bareJar) {
    List<FunctionDefinition> definitions = new ArrayList<>();
    Set<BareTwin> twins = new HashSet<>();
    for (ColdStartSubject subject : ColdStartSubject.ALL) {
      FunctionSpec spec =
          cloud
              .stack()
              .function(subject.function())
              .orElseThrow(() -> new IllegalStateException("No " + subject.function()));
      FunctionDefinition function = ColdStartSubject.definition(spec);
      addWithProbe(definitions, function);
      BareTwin twin = subject.twin();
      if (twins.add(twin)) {
        addWithProbe(
            definitions, twin.definition(function, bareJar, cloud.tableName(twin.table())));
      }
    }
    return definitions;
  }

  private void addWithProbe(List<FunctionDefinition> definitions, FunctionDefinition function) {
    definitions.add(function);
    definitions.add(ClassProbe.of(function, classLog(function.name())));
  }

  private Path classLog(String name) {
    return work.resolve(name + "-classes.log");
  }

  private void runRounds(LambdaRuntime lambda, LambdaRuntime cached, SampleEvents samples)
      throws InterruptedException {
    int total = WARMUP_ROUNDS + config.rounds();
    for (int round = 0; round < total; round++) {
      boolean measured = round >= WARMUP_ROUNDS;
      progress.printf(
          Locale.ROOT,
          "idem bench: round %d of %d%s%n",
          round + 1,
          total,
          measured
              ? ""
              : " (warm-up, not measured: each logs the classes it loads, and trains its cache)");
      if (measured && round % 2 == 1) {
        runCachedRound(cached, samples, true);
        runRound(lambda, samples, round, true);
      } else {
        runRound(lambda, samples, round, measured);
        runCachedRound(cached, samples, measured);
      }
      if (!measured) {
        awaitCaches(cached.functions().size());
      }
    }
  }

  /**
   * Each function once in the runtime with caches, with its own order; the cold starts are kept
   * under the name plus {@link ColdStartReport#CACHED} when {@code measured}.
   */
  private void runCachedRound(LambdaRuntime cached, SampleEvents samples, boolean measured) {
    String orderId = SampleEvents.SAMPLE_ORDER_ID;
    for (ColdStartSubject subject : ColdStartSubject.ALL) {
      String event = samples.fresh(subject.sample(), orderId);
      InvocationResult result = coldInvoke(cached, subject.function(), event, false);
      if (measured) {
        coldStarts
            .computeIfAbsent(subject.function() + ColdStartReport.CACHED, n -> new ArrayList<>())
            .add(cached.pool(subject.function()).stats().coldStarts().getLast());
      }
      if (subject.function().equals("PlaceOrderFunction")) {
        orderId = placedOrderId(result);
      }
    }
  }

  /** Waits until every trained cache is written (the retired trainers write them as they exit). */
  private void awaitCaches(int count) throws InterruptedException {
    Path dir = work.resolve("aot");
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (cacheFiles(dir) < count) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "Only " + cacheFiles(dir) + " of " + count + " AOT caches written in 2 minutes");
      }
      Thread.sleep(100);
    }
  }

  private static long cacheFiles(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(file -> file.toString().endsWith(".aot")).count();
    } catch (IOException e) {
      return 0;
    }
  }

  /**
   * Each function and each bare twin once, a twin next to its first function: after it in even
   * rounds, before it in odd ones. Unmeasured rounds run the class probes instead.
   */
  private void runRound(LambdaRuntime lambda, SampleEvents samples, int round, boolean measured) {
    String orderId = SampleEvents.SAMPLE_ORDER_ID;
    Set<BareTwin> twinsRun = new HashSet<>();
    for (ColdStartSubject subject : ColdStartSubject.ALL) {
      List<String> names = new ArrayList<>(List.of(subject.function()));
      if (twinsRun.add(subject.twin())) {
        names.add(round % 2 == 0 ? 1 : 0, subject.twin().name());
      }
      for (String name : names) {
        String event = samples.fresh(subject.sample(), orderId);
        String invoked = measured ? name : name + ClassProbe.SUFFIX;
        InvocationResult result = coldInvoke(lambda, invoked, event, measured);
        if (name.equals("PlaceOrderFunction")) {
          orderId = placedOrderId(result);
        }
      }
    }
  }

  /**
   * Invokes a fresh instance and retires it, so that the next invocation starts another; keeps its
   * cold start when {@code measured}.
   *
   * @throws IllegalStateException when the invocation failed or did not start exactly one instance
   */
  private InvocationResult coldInvoke(
      LambdaRuntime lambda, String name, String event, boolean measured) {
    FunctionPool pool = lambda.pool(name);
    int before = pool.stats().coldStarts().size();
    InvocationResult result = pool.invoke(event.getBytes(StandardCharsets.UTF_8));
    int retired = pool.retireIdleInstances();
    requireSuccess(name, result);
    List<ColdStart> starts = pool.stats().coldStarts();
    if (starts.size() != before + 1 || retired != 1) {
      throw new IllegalStateException(
          name
              + " started "
              + (starts.size() - before)
              + " instances and retired "
              + retired
              + " for one invocation; expected one of each");
    }
    if (measured) {
      coldStarts.computeIfAbsent(name, n -> new ArrayList<>()).add(starts.getLast());
    }
    return result;
  }

  /**
   * A cold start is only representative when the invocation did its work: an OK status, a 2xx HTTP
   * answer, no batch item failures.
   */
  private static void requireSuccess(String name, InvocationResult result) {
    boolean ok = result.status() == InvocationResult.Status.OK;
    if (ok) {
      JsonNode payload = parse(result.payloadText());
      int status = payload.path("statusCode").asInt(200);
      ok = status >= 200 && status < 300 && payload.path("batchItemFailures").isEmpty();
    }
    if (!ok) {
      throw new IllegalStateException(
          name + " did not succeed: " + result.payloadText() + "\n" + result.logTail());
    }
  }

  private static String placedOrderId(InvocationResult result) {
    String location = parse(result.payloadText()).path("headers").path("Location").asText();
    if (!location.startsWith("/orders/")) {
      throw new IllegalStateException("PlaceOrder answered no order: " + result.payloadText());
    }
    return location.substring("/orders/".length());
  }

  private static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new IllegalStateException("Not JSON: " + json, e);
    }
  }

  private void print(ColdStartReport report, Path functionsJar, Duration took, double loadBefore)
      throws IOException {
    double jarMb = Files.size(functionsJar) / (1024.0 * 1024.0);
    out.printf(
        Locale.ROOT,
        "Cold starts: %d measured per function and per bare twin (after %d warm-up round), each a"
            + " new JVM process running AWS's runtime interface client 2.8; Java %s, %d CPUs,"
            + " load average %.1f before, %.1f after; %.0f s%n",
        config.rounds(),
        WARMUP_ROUNDS,
        Runtime.version(),
        Runtime.getRuntime().availableProcessors(),
        loadBefore,
        loadAverage(),
        took.toMillis() / 1000.0);
    out.println(
        "init: process start to its first /next (class loading, handler constructor); first"
            + " response: process start to the end of its first invocation; medians (ms)");
    out.println(
        "bare: the same event type and first DynamoDB call, the same client set-up, jar, memory"
            + " and environment, without Idem or business logic; ratio: first response / bare's");
    out.println();
    out.print(report.table());
    out.println();
    out.println(
        "classes loaded from process start to the first response (one -Xlog:class+load run each,"
            + " in the warm-up round), by origin:");
    out.print(report.classTable());
    out.println();
    out.printf(
        Locale.ROOT,
        "shaded jar: %s, %.2f MB (2^20 bytes); worst ratio %.2fx (%s); aim <= 1.3x%n",
        functionsJar.getFileName(),
        jarMb,
        report.worst().ratio(),
        report.worst().function());
    report
        .worstCached()
        .ifPresent(row ->
            out.printf(
                Locale.ROOT,
                "with the AOT cache (JDK %d): worst first response %.2fx the plain start's (%s);"
                    + " aim <= 0.5x%n",
                Runtime.version().feature(),
                row.aotRatio(),
                row.function()));
    out.println(report.json(jarMb));
  }

  private Map<String, Integer> classCounts(String name) {
    return ClassProbe.count(classLog(name));
  }

  private static double loadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
