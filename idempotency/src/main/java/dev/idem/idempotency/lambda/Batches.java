package dev.idem.idempotency.lambda;

import dev.idem.idempotency.Idempotency;
import dev.idem.idempotency.IdempotentRequest;
import dev.idem.idempotency.InFlightException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/** What the batch adapters share: running one record in a mode, and surviving a crashed loop. */
final class Batches {

  private static final System.Logger LOG = System.getLogger(Batches.class.getName());

  private Batches() {}

  /** Runs one record under its request in one of the modes; throws to fail the record. */
  @FunctionalInterface
  interface RecordRun<R> {
    void run(IdempotentRequest request, R record) throws Exception;
  }

  /** Guard mode: the handler runs at most once per key. */
  static <R> RecordRun<R> guard(Idempotency idempotency, RecordHandler<R> handler) {
    Objects.requireNonNull(handler, "handler");
    return (request, record) ->
        idempotency.execute(
            request,
            Void.class,
            () -> {
              handler.handle(record);
              return null;
            });
  }

  /**
   * A transactional mode: the handler's writes commit with the record, then it sees the outcome.
   */
  static <R, T> RecordRun<R> transactional(
      Idempotency idempotency,
      TransactionMode mode,
      Class<T> resultType,
      TransactionalRecordHandler<R, T> handler) {
    Objects.requireNonNull(resultType, "resultType");
    Objects.requireNonNull(handler, "handler");
    return (request, record) ->
        handler.onOutcome(
            record,
            mode.run(idempotency, request, resultType, writes -> handler.handle(record, writes)));
  }

  /**
   * How one record ended: succeeded, failed, or found its key held by another invocation for {@code
   * inFlight} more (null otherwise).
   */
  record Attempt(boolean succeeded, Duration inFlight) {}

  /**
   * Runs one record; a failure of any kind the event source should retry (the handler threw, the
   * key is in flight or reused, the store failed) is a failed attempt. Never logs the key or the
   * record.
   */
  static <R> Attempt attempt(RecordRun<R> run, IdempotentRequest request, R record) {
    try {
      run.run(request, record);
      return new Attempt(true, null);
    } catch (InFlightException e) {
      return new Attempt(false, e.retryAfter());
    } catch (Exception e) {
      LOG.log(System.Logger.Level.DEBUG, "A record failed: {0}", e.getClass().getName());
      return new Attempt(false, null);
    }
  }

  static void logCrash(Throwable crash) {
    LOG.log(
        System.Logger.Level.WARNING,
        "The batch loop failed; every record not yet processed is reported as failed",
        crash);
  }

  /**
   * The crash itself, when no record can be reported failed: throwing makes Lambda retry the whole
   * batch, where an empty failure list would mark it done.
   */
  static RuntimeException rethrow(Throwable crash) {
    if (crash instanceof Error error) {
      throw error;
    }
    if (crash instanceof RuntimeException runtime) {
      return runtime;
    }
    return new IllegalStateException("The batch loop failed", crash);
  }

  static <T> List<T> orEmpty(List<T> records) {
    return records == null ? List.of() : records;
  }
}
