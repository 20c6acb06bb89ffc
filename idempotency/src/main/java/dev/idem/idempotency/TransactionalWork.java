package dev.idem.idempotency;

/**
 * Work whose effects are DynamoDB writes: it adds them to {@code writes} instead of executing them,
 * and the library commits them in the same transaction as the idempotency record.
 *
 * @param <T> the response type
 * @param <E> the checked exception the work may throw
 */
@FunctionalInterface
public interface TransactionalWork<T, E extends Exception> {

  /** Computes the response and adds the writes that go with it. */
  T run(TransactionWrites writes) throws E;
}
