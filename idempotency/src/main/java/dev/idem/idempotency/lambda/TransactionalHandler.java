package dev.idem.idempotency.lambda;

import dev.idem.idempotency.TransactionWrites;

/**
 * A handler whose only effects are DynamoDB writes: it adds them to {@code writes} instead of
 * executing them, and the adapter commits them in one transaction with the idempotency record.
 * Reading is fine; any other effect (a call to another service, a message sent) would happen again
 * for every duplicate.
 *
 * @param <I> the event type
 * @param <O> the result type
 * @param <E> the checked exception the handler may throw
 */
@FunctionalInterface
public interface TransactionalHandler<I, O, E extends Exception> {

  /** Computes the result and adds the writes that go with it. */
  O handle(I event, TransactionWrites writes) throws E;
}
