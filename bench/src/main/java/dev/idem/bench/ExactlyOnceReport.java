package dev.idem.bench;

import dev.idem.bench.Violation.Counter;
import dev.idem.local.faults.FaultKind;
import dev.idem.local.lambda.FunctionStats;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The exactly-once audit's report: the faults injected by kind, what the clients were answered, the
 * orders by final state, how long settling took, and every violation; its last line is one JSON
 * object.
 *
 * @param setup one line saying how the run was set up
 * @param seed the seed of the fault decisions
 * @param load what the clients did
 * @param settling how settling went
 * @param observed what the system held at the end
 * @param violations what the invariants found
 * @param faultsByKind faults injected, by kind
 * @param functions the functions' counts at the end
 * @param took the whole run, from starting the cloud to the last read
 */
record ExactlyOnceReport(
    String setup,
    long seed,
    AuditClients.Result load,
    ExactlyOnceRun.Settling settling,
    Observed observed,
    List<Violation> violations,
    Map<String, Long> faultsByKind,
    List<FunctionStats> functions,
    Duration took) {

  /** How many violations are printed one per line; the counts cover them all. */
  static final int PRINTED = 200;

  /** The faults injected, every kind present (zero when none). */
  Map<String, Long> faultsByEveryKind() {
    Map<String, Long> kinds = new LinkedHashMap<>();
    FaultKind.ids().forEach(kind -> kinds.put(kind, faultsByKind.getOrDefault(kind, 0L)));
    faultsByKind.forEach(kinds::putIfAbsent);
    return kinds;
  }

  long faultsInjected() {
    return faultsByKind.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Orders by {@link Observed.OrderRow#state()}. */
  Map<String, Long> byState() {
    Map<String, Long> states = new TreeMap<>();
    observed.orders().values().forEach(row -> states.merge(row.state(), 1L, Long::sum));
    return states;
  }

  /** Each terminal order's settle time, createdAt to its last update, in ms. */
  long[] settleMillis() {
    return observed.orders().values().stream()
        .filter(Observed.OrderRow::terminal)
        .filter(row -> row.createdAt() != null && row.updatedAt() != null)
        .mapToLong(row -> Duration.between(row.createdAt(), row.updatedAt()).toMillis())
        .toArray();
  }

  long settlePercentile(double percent) {
    long[] millis = settleMillis();
    return millis.length == 0 ? 0 : Stats.percentile(millis, percent);
  }

  /** The report's last line. */
  String json() {
    Map<Counter, Long> counts = Invariants.count(violations);
    JsonLine json =
        new JsonLine()
            .number("orders", load.submissions().size())
            .number("faults_injected", faultsInjected())
            .object("faults_by_kind", faultsByEveryKind())
            .number("violations", violations.size());
    for (Counter counter :
        List.of(
            Counter.LOST_ORDERS,
            Counter.DUPLICATE_ORDERS,
            Counter.DUPLICATE_CHARGES,
            Counter.DUPLICATE_NOTIFICATIONS,
            Counter.STOCK_MISMATCHES,
            Counter.STUCK_IN_PROGRESS,
            Counter.DLQ_MESSAGES,
            Counter.UNSETTLED_ORDERS)) {
      json.number(counter.key(), counts.get(counter));
    }
    json.number("settle_p99_ms", settlePercentile(99))
        .number("settle_p50_ms", settlePercentile(50));
    counts.forEach((counter, count) -> {
      if (!json.has(counter.key())) {
        json.number(counter.key(), count);
      }
    });
    return json.number("settled", settling.settled() ? 1 : 0)
        .number(
            "faults_least_kind",
            faultsByEveryKind().values().stream().mapToLong(Long::longValue).min().orElse(0))
        .string("fault_seed", Long.toString(seed))
        .number("took_s", Stats.round(took.toMillis() / 1000.0, 1))
        .toString();
  }

  void print(PrintStream out) {
    out.println(setup);
    out.println();
    Table faults = new Table("LR", "fault kind", "injected");
    faultsByEveryKind().forEach((kind, count) -> faults.row(kind, Long.toString(count)));
    faults.row("total", Long.toString(faultsInjected()));
    out.print(faults.render());
    out.println();
    printClients(out);
    out.println();
    out.print(functionTable());
    out.println();
    Table states = new Table("LR", "orders by final state", "orders");
    byState().forEach((state, count) -> states.row(state, Long.toString(count)));
    out.print(states.render());
    out.println();
    out.printf(
        Locale.ROOT,
        "%s %.1f s after the last answer; order settle time (created to last change): p50 %d ms,"
            + " p99 %d ms%n%n",
        settling.settled() ? "settled" : "NOT settled (deadline passed)",
        settling.took().toMillis() / 1000.0,
        settlePercentile(50),
        settlePercentile(99));
    printViolations(out);
    out.println(json());
  }

  private void printClients(PrintStream out) {
    long[] created = load.createdNanos();
    out.printf(
        Locale.ROOT,
        "clients: %d keys in %.1f s; answers %s; POST answered 201: p50 %d ms, p99 %d ms%n",
        load.submissions().size(),
        load.elapsed().toMillis() / 1000.0,
        load.answers(),
        created.length == 0 ? 0 : Stats.percentile(created, 50) / 1_000_000,
        created.length == 0 ? 0 : Stats.percentile(created, 99) / 1_000_000);
  }

  private String functionTable() {
    Table table =
        new Table(
            "LRRRRRR",
            "function",
            "instances",
            "median cold",
            "invocations",
            "errors",
            "timeouts",
            "throttled");
    functions.stream()
        .sorted(Comparator.comparing(FunctionStats::name))
        .forEach(f ->
            table.row(
                f.name(),
                Integer.toString(f.instancesStarted()),
                f.medianColdStart().toMillis() + " ms",
                Long.toString(f.invocations()),
                Long.toString(f.errors()),
                Long.toString(f.timeouts()),
                Long.toString(f.throttles())));
    return table.render();
  }

  private void printViolations(PrintStream out) {
    if (violations.isEmpty()) {
      out.println("violations: none");
      return;
    }
    out.printf(Locale.ROOT, "violations: %d%n", violations.size());
    Invariants.count(violations)
        .forEach((counter, count) -> {
          if (count > 0) {
            out.printf(Locale.ROOT, "  %-26s %d%n", counter.key(), count);
          }
        });
    violations.stream().limit(PRINTED).forEach(v -> out.println("  " + v));
    if (violations.size() > PRINTED) {
      out.printf(Locale.ROOT, "  ... and %d more%n", violations.size() - PRINTED);
    }
  }
}
