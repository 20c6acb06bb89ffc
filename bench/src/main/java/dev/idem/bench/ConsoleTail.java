package dev.idem.bench;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The local cloud's console, kept off the report: its last lines only, shown when a benchmark
 * fails. Thread-safe.
 */
final class ConsoleTail implements Consumer<String> {

  private final int capacity;
  private final Deque<String> lines = new ArrayDeque<>();
  private final Map<String, Long> outcomes = new TreeMap<>();
  private long count;

  ConsoleTail(int capacity) {
    this.capacity = capacity;
  }

  @Override
  public synchronized void accept(String line) {
    if (lines.size() == capacity) {
      lines.removeFirst();
    }
    lines.addLast(line);
    count++;
    outcome(line).ifPresent(outcome -> outcomes.merge(outcome, 1L, Long::sum));
  }

  /**
   * Invocation log lines ({@code <function> <- <source> batch=<n> <ms> ms <outcome>}) counted by
   * function and outcome, the outcome's detail after a colon left out: e.g. {@code
   * CapturePaymentFunction FUNCTION_ERROR Sandbox.Timedout}.
   */
  synchronized Map<String, Long> outcomes() {
    return Collections.unmodifiableMap(new TreeMap<>(outcomes));
  }

  static Optional<String> outcome(String line) {
    int arrow = line.indexOf(" <- ");
    int ms = line.indexOf(" ms ", Math.max(arrow, 0));
    if (arrow <= 0 || ms < 0) {
      return Optional.empty();
    }
    String outcome = line.substring(ms + " ms ".length());
    int colon = outcome.indexOf(':');
    return Optional.of(
        line.substring(0, arrow) + " " + (colon < 0 ? outcome : outcome.substring(0, colon)));
  }

  /** Forgets the lines and counts so far, for the next run. */
  synchronized void clear() {
    lines.clear();
    outcomes.clear();
  }

  /** The last lines, oldest first. */
  synchronized List<String> lines() {
    return List.copyOf(lines);
  }

  /** Every line received, kept or not. */
  synchronized long count() {
    return count;
  }
}
