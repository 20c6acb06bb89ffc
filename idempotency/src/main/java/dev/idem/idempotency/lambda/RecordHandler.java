package dev.idem.idempotency.lambda;

/**
 * Processes one record of a batch. Throwing marks only this record as failed: the batch adapter
 * reports it to Lambda, which delivers it again.
 *
 * @param <R> the record type
 */
@FunctionalInterface
public interface RecordHandler<R> {

  /** Processes the record; any exception marks it as failed. */
  void handle(R record) throws Exception;
}
