package dev.idem.idempotency;

/**
 * The unit of work to run at most once per key. Its exception, checked or not, reaches the caller
 * unchanged.
 *
 * @param <T> the response type; any type the configured {@code ObjectMapper} can write and read
 * @param <E> the checked exception the work may throw
 */
@FunctionalInterface
public interface Work<T, E extends Exception> {

  /** Runs the work and returns its response, which may be null. */
  T run() throws E;
}
