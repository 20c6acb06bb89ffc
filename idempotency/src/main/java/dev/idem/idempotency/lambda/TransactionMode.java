package dev.idem.idempotency.lambda;

import dev.idem.idempotency.Idempotency;
import dev.idem.idempotency.IdempotentRequest;
import dev.idem.idempotency.Outcome;
import dev.idem.idempotency.TransactionalWork;

/** The two transactional modes of {@link Idempotency}, for the adapters that offer both. */
enum TransactionMode {
  /** Claim, run, then commit the writes with the completed record. */
  COMPLETION,
  /** Run, then claim, commit the writes and the completed record in one transaction. */
  SINGLE;

  <T, E extends Exception> Outcome<T> run(
      Idempotency idempotency,
      IdempotentRequest request,
      Class<T> type,
      TransactionalWork<T, E> work)
      throws E {
    return this == SINGLE
        ? idempotency.executeInSingleTransaction(request, type, work)
        : idempotency.executeTransactional(request, type, work);
  }
}
