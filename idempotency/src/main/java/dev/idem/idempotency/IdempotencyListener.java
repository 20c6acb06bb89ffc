package dev.idem.idempotency;

/**
 * Receives every decision the library makes, to count and log them. Methods run on the calling
 * thread, so they must be quick and thread-safe; an exception they throw is ignored.
 *
 * <p>The default listener, {@link EmfMetricsListener}, writes each decision as a CloudWatch
 * Embedded Metric Format line. Use {@link #NONE} to switch that off.
 */
public interface IdempotencyListener {

  /** A listener that does nothing. */
  IdempotencyListener NONE = new IdempotencyListener() {};

  /** Called once per call, after the decision. */
  default void onDecision(DecisionEvent event) {}
}
