package dev.idem.idempotency.lambda;

import dev.idem.idempotency.Outcome;
import dev.idem.idempotency.TransactionWrites;

/**
 * Processes one record of a batch in a transactional mode: {@link #handle} computes the record's
 * result and adds its DynamoDB writes, which the batch adapter commits with the record's
 * idempotency record; {@link #onOutcome} then sees what came of it. Throwing from either marks only
 * this record as failed, and Lambda delivers it again.
 *
 * {@snippet :
 * batch.processInSingleTransaction(event, context, Receipt.class, (message, writes) -> {
 *   writes.update(accounts.debit(message.getBody())); // with its own ConditionExpression
 *   return new Receipt(message.getMessageId());
 * });
 * }
 *
 * @param <R> the record type
 * @param <T> the result type, stored in the idempotency record and replayed to duplicates
 */
@FunctionalInterface
public interface TransactionalRecordHandler<R, T> {

  /** Computes the record's result and adds the writes that go with it. */
  T handle(R record, TransactionWrites writes) throws Exception;

  /**
   * Runs after the commit with the result, on every delivery of the record: with the stored result
   * when an earlier delivery committed, or with the rejection of one of the writes (nothing was
   * written, the key is free). Effects other than the transaction's writes belong here, since
   * {@link #handle} may run for a duplicate whose writes never land. By default a result completes
   * the record and a rejection fails it, so that it is delivered again.
   *
   * @throws Exception to mark the record failed
   */
  default void onOutcome(R record, Outcome<T> outcome) throws Exception {
    if (outcome instanceof Outcome.Rejected<T> rejected) {
      throw new IllegalStateException(
          "The condition of write #" + rejected.writeIndex() + " failed; nothing was written");
    }
  }
}
