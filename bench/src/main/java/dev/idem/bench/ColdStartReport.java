package dev.idem.bench;

import dev.idem.local.lambda.FunctionStats.ColdStart;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/** The measured cold starts per function and bare twin, as a table and as the JSON line. */
final class ColdStartReport {

  /**
   * One function's measured cold starts and its bare twin's.
   *
   * @param function the function's name
   * @param twin its bare twin's name
   * @param cold its measured cold starts
   * @param bare its bare twin's
   * @param classes the classes the function loaded by its first response, by origin and total
   * @param bareClasses the twin's
   * @param cached the function's cold starts with its class-loading (AOT) cache; empty when not
   *     measured
   */
  record Row(
      String function,
      String twin,
      List<ColdStart> cold,
      List<ColdStart> bare,
      Map<String, Integer> classes,
      Map<String, Integer> bareClasses,
      List<ColdStart> cached) {

    Row {
      if (cold.isEmpty() || bare.isEmpty()) {
        throw new IllegalArgumentException(function + " or " + twin + " has no cold start");
      }
      cold = List.copyOf(cold);
      bare = List.copyOf(bare);
      cached = List.copyOf(cached);
      classes = Map.copyOf(classes);
      bareClasses = Map.copyOf(bareClasses);
    }

    /** Median first response over median bare first response. */
    double ratio() {
      return median(cold, ColdStart::toFirstResponse) / median(bare, ColdStart::toFirstResponse);
    }

    /** Median first response with the cache over median first response without; NaN unmeasured. */
    double aotRatio() {
      return cached.isEmpty()
          ? Double.NaN
          : median(cached, ColdStart::toFirstResponse) / median(cold, ColdStart::toFirstResponse);
    }
  }

  /** The suffix of the names under which cold starts with the cache are kept. */
  static final String CACHED = "+aot";

  private final List<Row> rows;

  ColdStartReport(List<Row> rows) {
    if (rows.isEmpty()) {
      throw new IllegalArgumentException("No functions measured");
    }
    this.rows = List.copyOf(rows);
  }

  /**
   * The rows of every {@link ColdStartSubject}, from the measured cold starts by name and the
   * classes each function or twin loaded (by origin, as {@link ClassProbe#count} gives them).
   */
  static ColdStartReport of(
      Map<String, List<ColdStart>> coldStarts, Function<String, Map<String, Integer>> classes) {
    List<Row> rows = new ArrayList<>();
    for (ColdStartSubject subject : ColdStartSubject.ALL) {
      String twin = subject.twin().name();
      rows.add(
          new Row(
              subject.function(),
              twin,
              coldStarts.getOrDefault(subject.function(), List.of()),
              coldStarts.getOrDefault(twin, List.of()),
              classes.apply(subject.function()),
              classes.apply(twin),
              coldStarts.getOrDefault(subject.function() + CACHED, List.of())));
    }
    return new ColdStartReport(rows);
  }

  List<Row> rows() {
    return rows;
  }

  /** The row with the highest ratio. */
  Row worst() {
    return rows.stream().max(Comparator.comparingDouble(Row::ratio)).orElseThrow();
  }

  /** The row whose cache helps least (highest cached / plain), if the cache was measured. */
  java.util.Optional<Row> worstCached() {
    return rows.stream()
        .filter(row -> !row.cached().isEmpty())
        .max(Comparator.comparingDouble(Row::aotRatio));
  }

  String table() {
    Table table =
        new Table(
            "LRRRRRLRRRRRRR",
            "function",
            "n",
            "init",
            "first response",
            "max",
            "bare twin",
            "n",
            "bare init",
            "bare first response",
            "ratio",
            "n cached",
            "cached init",
            "cached first response",
            "cached/plain");
    for (Row row : rows) {
      table.row(
          row.function(),
          Integer.toString(row.cold().size()),
          ms(median(row.cold(), ColdStart::toFirstNext)),
          ms(median(row.cold(), ColdStart::toFirstResponse)),
          ms(max(row.cold(), ColdStart::toFirstResponse)),
          row.twin(),
          Integer.toString(row.bare().size()),
          ms(median(row.bare(), ColdStart::toFirstNext)),
          ms(median(row.bare(), ColdStart::toFirstResponse)),
          String.format(Locale.ROOT, "%.2fx", row.ratio()),
          Integer.toString(row.cached().size()),
          row.cached().isEmpty() ? "-" : ms(median(row.cached(), ColdStart::toFirstNext)),
          row.cached().isEmpty() ? "-" : ms(median(row.cached(), ColdStart::toFirstResponse)),
          row.cached().isEmpty() ? "-" : String.format(Locale.ROOT, "%.2fx", row.aotRatio()));
    }
    return table.render();
  }

  /** Classes loaded by the first response, per function, by origin, next to its twin's total. */
  String classTable() {
    List<String> origins = new ArrayList<>(ClassProbe.ORIGINS.keySet());
    origins.add("other");
    List<String> headers = new ArrayList<>(List.of("function", "classes"));
    headers.addAll(origins);
    headers.addAll(List.of("bare twin", "more than twin"));
    Table table =
        new Table("LR" + "R".repeat(origins.size()) + "RR", headers.toArray(String[]::new));
    for (Row row : rows) {
      List<String> cells = new ArrayList<>(List.of(row.function(), count(row.classes(), "total")));
      origins.forEach(origin -> cells.add(count(row.classes(), origin)));
      int extra =
          row.classes().getOrDefault("total", 0) - row.bareClasses().getOrDefault("total", 0);
      cells.add(count(row.bareClasses(), "total"));
      cells.add(Integer.toString(extra));
      table.row(cells.toArray(String[]::new));
    }
    return table.render();
  }

  private static String count(Map<String, Integer> counts, String key) {
    return Integer.toString(counts.getOrDefault(key, 0));
  }

  /** The last line: the worst ratio and the jar's size. */
  String json(double jarMb) {
    Row worst = worst();
    JsonLine json =
        new JsonLine()
            .number("cold_start_ratio", Stats.round(worst.ratio(), 2))
            .number("jar_mb", Stats.round(jarMb, 2));
    worstCached()
        .ifPresent(row ->
            json.number("aot_ratio", Stats.round(row.aotRatio(), 2))
                .string("aot_worst_function", row.function())
                .number(
                    "aot_first_response_ms",
                    Math.round(median(row.cached(), ColdStart::toFirstResponse))));
    return json.string("worst_function", worst.function())
        .number(
            "worst_first_response_ms", Math.round(median(worst.cold(), ColdStart::toFirstResponse)))
        .number(
            "bare_first_response_ms", Math.round(median(worst.bare(), ColdStart::toFirstResponse)))
        .toString();
  }

  private static double median(List<ColdStart> starts, Function<ColdStart, Duration> phase) {
    return Stats.median(starts.stream().mapToDouble(s -> phase.apply(s).toNanos() / 1e6).toArray());
  }

  private static double max(List<ColdStart> starts, Function<ColdStart, Duration> phase) {
    return starts.stream().mapToDouble(s -> phase.apply(s).toNanos() / 1e6).max().orElseThrow();
  }

  private static String ms(double millis) {
    return String.format(Locale.ROOT, "%.0f", millis);
  }
}
