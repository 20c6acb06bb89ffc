package dev.idem.idempotency.transactional;

import dev.idem.idempotency.Decision;
import dev.idem.idempotency.DecisionEvent;
import dev.idem.idempotency.IdempotencyListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records every decision, in order, from any thread. */
final class DecisionLog implements IdempotencyListener {

  private final List<Decision> decisions = new CopyOnWriteArrayList<>();

  @Override
  public void onDecision(DecisionEvent event) {
    decisions.add(event.decision());
  }

  List<Decision> decisions() {
    return List.copyOf(decisions);
  }
}
