package dev.idem.local.console;

import java.util.ArrayList;
import java.util.List;

/**
 * The last {@code capacity} items of one kind the console captured, in a fixed array: adding
 * overwrites the oldest, so memory stays flat however long the cloud runs. Thread-safe.
 */
final class Ring<T> {

  private final Object[] items;
  private long total;

  /**
   * A ring of {@code capacity} items.
   *
   * @throws IllegalArgumentException when {@code capacity} is below 1
   */
  Ring(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
    }
    items = new Object[capacity];
  }

  /** Adds one item. */
  void add(T item) {
    add(sequence -> item);
  }

  /**
   * Adds the item {@code make} builds from its number since the start (from 1), under the ring's
   * lock: make it cheap, with the costly parts prepared before.
   */
  synchronized void add(java.util.function.LongFunction<T> make) {
    items[(int) (total % items.length)] = make.apply(total + 1);
    total++;
  }

  /** At most {@code limit} of the kept items, newest first. */
  @SuppressWarnings("unchecked")
  synchronized List<T> recent(int limit) {
    int count = (int) Math.min(Math.min(limit, total), items.length);
    List<T> kept = new ArrayList<>(count);
    for (long n = total; n > total - count; n--) {
      kept.add((T) items[(int) ((n - 1) % items.length)]);
    }
    return kept;
  }

  /** Every kept item, newest first. */
  List<T> all() {
    return recent(items.length);
  }

  /** How many items were added, kept or not. */
  synchronized long total() {
    return total;
  }

  /** How many items are kept at most. */
  int capacity() {
    return items.length;
  }
}
