package dev.idem.bench;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;

/**
 * The local cloud's console, kept off the report: its last lines only, shown when a benchmark
 * fails. Thread-safe.
 */
final class ConsoleTail implements Consumer<String> {

  private final int capacity;
  private final Deque<String> lines = new ArrayDeque<>();
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
