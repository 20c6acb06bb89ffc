package dev.idem.idempotency.lambda;

import dev.idem.idempotency.Idempotency;
import dev.idem.idempotency.IdempotentRequest;
import dev.idem.idempotency.InFlightException;
import java.util.List;

/** What the batch adapters share: running one record guarded, and surviving a crashed loop. */
final class Batches {

  private static final System.Logger LOG = System.getLogger(Batches.class.getName());

  private Batches() {}

  /**
   * Runs {@code handler} on {@code record} at most once per key; false when the record failed in
   * any way the event source should retry (the handler threw, the key is in flight or reused, the
   * store failed). Never logs the key or the record.
   */
  static <R> boolean runGuarded(
      Idempotency idempotency, IdempotentRequest request, R record, RecordHandler<R> handler) {
    try {
      idempotency.execute(
          request,
          Void.class,
          () -> {
            handler.handle(record);
            return null;
          });
      return true;
    } catch (Exception e) {
      LOG.log(System.Logger.Level.DEBUG, "A record failed: {0}", e.getClass().getName());
      return false;
    }
  }

  /**
   * Like {@link #runGuarded}, except that a key in flight is thrown, so that the caller may wait
   * for its holder.
   *
   * @throws InFlightException when another invocation holds the record's key
   */
  static <R> boolean runGuardedUnlessInFlight(
      Idempotency idempotency, IdempotentRequest request, R record, RecordHandler<R> handler) {
    try {
      idempotency.execute(
          request,
          Void.class,
          () -> {
            handler.handle(record);
            return null;
          });
      return true;
    } catch (InFlightException e) {
      throw e;
    } catch (Exception e) {
      LOG.log(System.Logger.Level.DEBUG, "A record failed: {0}", e.getClass().getName());
      return false;
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
