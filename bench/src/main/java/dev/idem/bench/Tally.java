package dev.idem.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What the rounds measured for one mode: throughput per round and DynamoDB calls in total. */
final class Tally {

  private final Mode mode;
  private final List<Double> perSecond = new ArrayList<>();
  private final Map<String, Long> calls = new TreeMap<>();
  private long invocations;
  private long clientCpuNanos;
  private long processCpuNanos;
  private long p50Nanos = -1;

  Tally(Mode mode) {
    this.mode = mode;
  }

  Mode mode() {
    return mode;
  }

  /** Adds one round: its window and the calls counted during it, by operation. */
  void add(LoadRunner.Window window, Map<String, Long> callsByOperation) {
    perSecond.add(window.perSecond());
    invocations += window.invocations();
    clientCpuNanos += window.clientCpuNanos();
    processCpuNanos += window.processCpuNanos();
    callsByOperation.forEach((operation, count) -> calls.merge(operation, count, Long::sum));
  }

  void p50Nanos(long nanos) {
    this.p50Nanos = nanos;
  }

  /** The single-thread median latency in ns; -1 when not measured. */
  long p50Nanos() {
    return p50Nanos;
  }

  /** Invocations per second in round {@code round}. */
  double perSecond(int round) {
    return perSecond.get(round);
  }

  int rounds() {
    return perSecond.size();
  }

  /** The median over rounds of invocations per second. */
  double medianPerSecond() {
    return Stats.median(perSecond.stream().mapToDouble(Double::doubleValue).toArray());
  }

  /** The median over rounds of this mode's throughput divided by {@code other}'s in that round. */
  double medianRatioTo(Tally other) {
    double[] ratios = new double[rounds()];
    for (int r = 0; r < ratios.length; r++) {
      ratios[r] = perSecond(r) / other.perSecond(r);
    }
    return Stats.median(ratios);
  }

  /** CPU time of the client threads per invocation, in µs, over all rounds. */
  double clientCpuMicros() {
    return clientCpuNanos / 1e3 / invocations;
  }

  /** CPU time of the whole JVM (DynamoDB Local included) per invocation, in µs. */
  double processCpuMicros() {
    return processCpuNanos / 1e3 / invocations;
  }

  /**
   * The throughput ratio to {@code other} that the JVM's CPU cost per invocation predicts: what the
   * ratio would be on a machine that runs nothing else, since the run keeps every CPU busy.
   */
  double cpuRatioTo(Tally other) {
    return other.processCpuMicros() / processCpuMicros();
  }

  /** DynamoDB calls per invocation over all rounds. */
  double callsPerInvocation() {
    return calls.values().stream().mapToLong(Long::longValue).sum() / (double) invocations;
  }

  /** DynamoDB calls per invocation by operation, sorted by operation. */
  Map<String, Double> callsPerInvocationByOperation() {
    Map<String, Double> perInvocation = new TreeMap<>();
    calls.forEach((operation, count) -> perInvocation.put(operation, count / (double) invocations));
    return perInvocation;
  }
}
