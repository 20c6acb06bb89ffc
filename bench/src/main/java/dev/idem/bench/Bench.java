package dev.idem.bench;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Runs one benchmark by name, with its options: {@code Bench local-load --clients 20}. Started by
 * {@code bin/idem bench}.
 */
public final class Bench {

  /**
   * A benchmark that prints its report, ending with one JSON line, to {@code out}; {@code args} are
   * its options (an {@link Args.UsageException} when they are not its own).
   */
  @FunctionalInterface
  interface Benchmark {
    void run(List<String> args, PrintStream out, PrintStream progress) throws Exception;
  }

  static final Map<String, Benchmark> BENCHMARKS =
      new TreeMap<>(
          Map.of(
              "idempotency",
              (args, out, progress) -> {
                Args.parse(args, Set.of());
                new IdempotencyBenchmark(
                        IdempotencyBenchmark.Config.fromSystemProperties(), out, progress)
                    .run();
              },
              "cold-start",
              (args, out, progress) ->
                  new ColdStartBenchmark(ColdStartBenchmark.Config.parse(args), out, progress)
                      .run(),
              "local-flow",
              (args, out, progress) ->
                  new LocalFlowBenchmark(LocalFlowBenchmark.Config.parse(args), out, progress)
                      .run(),
              "local-load",
              (args, out, progress) ->
                  new LocalLoadBenchmark(LocalLoadBenchmark.Config.parse(args), out, progress)
                      .run(),
              "exactly-once",
              (args, out, progress) ->
                  new ExactlyOnceBenchmark(ExactlyOnceBenchmark.Config.parse(args), out, progress)
                      .run(),
              "hot-reload",
              (args, out, progress) ->
                  new HotReloadBenchmark(HotReloadBenchmark.Config.parse(args), out, progress)
                      .run()));

  private Bench() {}

  /**
   * Runs the benchmark named by the first argument and exits: 0 when it ran, 1 when it failed, 2
   * when there is no such benchmark. Exits explicitly because servers that a failed benchmark left
   * running would keep the JVM alive.
   */
  public static void main(String[] args) {
    int status;
    try {
      status = run(args, BENCHMARKS, System.out, System.err);
      if (status == 0) {
        dev.idem.local.LocalCloudMain.markTrained();
      }
    } catch (Exception e) {
      e.printStackTrace();
      status = 1;
    }
    System.exit(status);
  }

  /**
   * Runs the named benchmark with the arguments after the name; 2, with one line on {@code err},
   * when the name is unknown or the options are not the benchmark's.
   */
  static int run(String[] args, Map<String, Benchmark> benchmarks, PrintStream out, PrintStream err)
      throws Exception {
    Benchmark benchmark = args.length >= 1 ? benchmarks.get(args[0]) : null;
    if (benchmark == null) {
      String given = args.length == 0 ? "name a benchmark" : "unknown benchmark '" + args[0] + "'";
      err.println(
          "idem bench: " + given + "; valid names: " + String.join(", ", benchmarks.keySet()));
      return 2;
    }
    try {
      benchmark.run(List.of(Arrays.copyOfRange(args, 1, args.length)), out, err);
    } catch (Args.UsageException e) {
      err.println("idem bench " + args[0] + ": " + e.getMessage());
      return 2;
    }
    return 0;
  }
}
