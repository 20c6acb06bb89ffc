package dev.idem.local.console;

import dev.idem.local.eventbridge.EventTrace;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** The rule matches and delivery attempts EventBridge reports, in a {@link Ring}. Thread-safe. */
final class EventLog implements EventTrace {

  /**
   * One step, as it was heard.
   *
   * @param sequence its number since the console started, from 1
   * @param at when it was heard
   * @param step what happened
   */
  record Entry(long sequence, Instant at, Step step) {}

  private final Ring<Entry> ring;
  private final Clock clock;

  EventLog(int capacity, Clock clock) {
    this.ring = new Ring<>(capacity);
    this.clock = clock;
  }

  @Override
  public void step(Step step) {
    Instant at = clock.instant();
    ring.add(sequence -> new Entry(sequence, at, step));
  }

  /** Every kept step, newest first. */
  List<Entry> all() {
    return ring.all();
  }
}
