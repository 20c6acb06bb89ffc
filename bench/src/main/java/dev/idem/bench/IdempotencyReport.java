package dev.idem.bench;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Turns the idempotency benchmark's tallies into its table, its target verdicts and its JSON. */
final class IdempotencyReport {

  /** Each library mode's DynamoDB requests, issued directly by a baseline mode. */
  static final Map<String, String> RAW_EQUIVALENTS =
      Map.of(
          "guard_first", "raw_guard_requests",
          "txn_completion_first", "raw_claim_then_transact",
          "single_txn_first", "raw_transact_claim_and_put",
          "duplicate", "raw_conditional_put_fail");

  /** A throughput the library should reach, relative to the bare handler. */
  record Target(String mode, double minimumVsBare) {}

  static final List<Target> TARGETS =
      List.of(
          new Target("guard_first", 0.4),
          new Target("single_txn_first", 0.8),
          new Target("duplicate", 0.9));

  private final Map<String, Tally> tallies = new LinkedHashMap<>();
  private final Tally bare;

  /**
   * A report over tallies measured in the same rounds.
   *
   * @throws IllegalArgumentException if there is no tally named {@code bare}
   */
  IdempotencyReport(List<Tally> tallies) {
    tallies.forEach(t -> this.tallies.put(t.mode().name(), t));
    this.bare = this.tallies.get("bare");
    if (bare == null) {
      throw new IllegalArgumentException("The report needs the bare mode to compare with");
    }
  }

  /** One row per mode. */
  String table() {
    Table table =
        new Table(
            "LRRRRRRRRL",
            "mode",
            "calls/inv",
            "inv/s",
            "vs bare",
            "vs raw",
            "p50 us",
            "cpu us/inv",
            "client cpu",
            "cpu vs bare",
            "calls by op");
    for (Tally t : tallies.values()) {
      table.row(
          t.mode().name(),
          decimal(t.callsPerInvocation()),
          whole(t.medianPerSecond()),
          ratio(t.medianRatioTo(bare)),
          raw(t).map(r -> ratio(t.medianRatioTo(r))).orElse(""),
          t.p50Nanos() < 0 ? "" : Long.toString(t.p50Nanos() / 1_000),
          whole(t.processCpuMicros()),
          whole(t.clientCpuMicros()),
          ratio(t.cpuRatioTo(bare)),
          breakdown(t));
    }
    return table.render();
  }

  /** The modes' descriptions, one line each. */
  List<String> legend() {
    return tallies.values().stream()
        .map(t -> String.format(Locale.ROOT, "  %-27s %s", t.mode().name(), t.mode().description()))
        .toList();
  }

  /** One line per target: the measured ratio, whether it met the target, and the store's share. */
  List<String> verdicts() {
    List<String> lines = new ArrayList<>();
    for (Target target : TARGETS) {
      Tally t = tallies.get(target.mode());
      double vsBare = t.medianRatioTo(bare);
      lines.add(
          String.format(
              Locale.ROOT,
              "  %-16s >= %.2fx bare: %s %s (by CPU %s%s)",
              target.mode(),
              target.minimumVsBare(),
              Stats.round(vsBare, 2) >= target.minimumVsBare() ? "met   " : "MISSED",
              ratio(vsBare),
              ratio(t.cpuRatioTo(bare)),
              raw(t).map(this::rawNote).orElse("")));
    }
    return lines;
  }

  private String rawNote(Tally raw) {
    return String.format(
        Locale.ROOT,
        "; %s alone: %s, by CPU %s",
        raw.mode().name(),
        ratio(raw.medianRatioTo(bare)),
        ratio(raw.cpuRatioTo(bare)));
  }

  /** The machine-readable summary; ratios rounded to 2 decimals. */
  JsonLine json() {
    JsonLine json = new JsonLine();
    for (Tally t : tallies.values()) {
      String name = t.mode().name();
      json.number(name + "_calls", Stats.round(t.callsPerInvocation(), 2))
          .number(name + "_throughput", Math.round(t.medianPerSecond()))
          .number(name + "_throughput_vs_bare", Stats.round(t.medianRatioTo(bare), 2));
      raw(t)
          .ifPresent(
              r -> json.number(name + "_throughput_vs_raw", Stats.round(t.medianRatioTo(r), 2)));
      json.number(name + "_cpu_us", Math.round(t.processCpuMicros()))
          .number(name + "_client_cpu_us", Math.round(t.clientCpuMicros()))
          .number(name + "_cpu_vs_bare", Stats.round(t.cpuRatioTo(bare), 2));
      if (t.p50Nanos() >= 0) {
        json.number(name + "_p50_us", t.p50Nanos() / 1_000);
      }
    }
    return json;
  }

  private Optional<Tally> raw(Tally t) {
    return Optional.ofNullable(RAW_EQUIVALENTS.get(t.mode().name())).map(tallies::get);
  }

  private static String breakdown(Tally t) {
    Map<String, Double> byOperation = t.callsPerInvocationByOperation();
    if (byOperation.isEmpty()) {
      return "none";
    }
    return byOperation.entrySet().stream()
        .map(e -> e.getKey() + " " + decimal(e.getValue()))
        .collect(Collectors.joining(" + "));
  }

  /** Up to two decimals, without trailing zeros: 3, 1.5, 0.33. */
  static String decimal(double value) {
    return BigDecimal.valueOf(Stats.round(value, 2)).stripTrailingZeros().toPlainString();
  }

  private static String whole(double value) {
    return String.format(Locale.ROOT, "%.0f", value);
  }

  private static String ratio(double value) {
    return String.format(Locale.ROOT, "%.2fx", value);
  }
}
