package dev.idem.idempotency.lambda;

/**
 * The handler an adapter guards: it turns one event into a result. Its exception, checked or not,
 * reaches the adapter's caller unchanged.
 *
 * @param <I> the event type
 * @param <O> the result type
 * @param <E> the checked exception the handler may throw
 */
@FunctionalInterface
public interface EventHandler<I, O, E extends Exception> {

  /** Handles the event and returns the result. */
  O handle(I event) throws E;
}
