package dev.idem.idempotency.props;

import dev.idem.idempotency.Decision;
import dev.idem.idempotency.DecisionEvent;
import dev.idem.idempotency.IdempotencyListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records every decision, in order, from any thread. */
public final class DecisionLog implements IdempotencyListener {

  private final List<Decision> decisions = new CopyOnWriteArrayList<>();

  @Override
  public void onDecision(DecisionEvent event) {
    decisions.add(event.decision());
  }

  /** The decisions so far, oldest first. */
  public List<Decision> decisions() {
    return List.copyOf(decisions);
  }

  /** The latest decision, or null before the first. */
  public Decision last() {
    List<Decision> copy = decisions();
    return copy.isEmpty() ? null : copy.getLast();
  }
}
