package dev.idem.bench;

import java.io.PrintStream;
import java.util.Map;
import java.util.TreeMap;

/** Runs one benchmark by name: {@code Bench idempotency}. Started by {@code bin/idem bench}. */
public final class Bench {

  /** A benchmark that prints its report, ending with one JSON line, to {@code out}. */
  @FunctionalInterface
  interface Benchmark {
    void run(PrintStream out, PrintStream progress) throws Exception;
  }

  static final Map<String, Benchmark> BENCHMARKS =
      new TreeMap<>(
          Map.of(
              "idempotency",
              (out, progress) ->
                  new IdempotencyBenchmark(
                          IdempotencyBenchmark.Config.fromSystemProperties(), out, progress)
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
    } catch (Exception e) {
      e.printStackTrace();
      status = 1;
    }
    System.exit(status);
  }

  /** Runs the named benchmark; 2, with one line on {@code err}, when the name is unknown. */
  static int run(String[] args, Map<String, Benchmark> benchmarks, PrintStream out, PrintStream err)
      throws Exception {
    Benchmark benchmark = args.length == 1 ? benchmarks.get(args[0]) : null;
    if (benchmark == null) {
      String given =
          args.length == 0
              ? "name a benchmark"
              : "unknown benchmark '" + String.join(" ", args) + "'";
      err.println(
          "idem bench: " + given + "; valid names: " + String.join(", ", benchmarks.keySet()));
      return 2;
    }
    benchmark.run(out, err);
    return 0;
  }
}
