package dev.idem.idempotency.testkit;

import dev.idem.idempotency.Decision;
import dev.idem.idempotency.DecisionEvent;
import dev.idem.idempotency.IdempotencyListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every decision event, in order. Thread-safe. */
public final class RecordingListener implements IdempotencyListener {

  private final List<DecisionEvent> events = new CopyOnWriteArrayList<>();

  @Override
  public void onDecision(DecisionEvent event) {
    events.add(event);
  }

  /** Every event so far. */
  public List<DecisionEvent> events() {
    return List.copyOf(events);
  }

  /** The decisions of every event so far. */
  public List<Decision> decisions() {
    return events.stream().map(DecisionEvent::decision).toList();
  }

  /**
   * The latest event.
   *
   * @throws IllegalStateException when there is none
   */
  public DecisionEvent last() {
    if (events.isEmpty()) {
      throw new IllegalStateException("No decision was recorded");
    }
    return events.getLast();
  }

  /** Forgets every event. */
  public void clear() {
    events.clear();
  }
}
