package dev.idem.idempotency;

/**
 * Base of every exception the idempotency library throws itself. Unchecked and sealed: the subtypes
 * are the complete list of what can go wrong in the library. An exception thrown by the user's own
 * work is never wrapped: it reaches the caller unchanged.
 */
public abstract sealed class IdempotencyException extends RuntimeException
    permits InFlightException,
        PayloadMismatchException,
        InvalidIdempotencyKeyException,
        IdempotencyStoreException,
        IdempotencyConfigurationException,
        LeaseLostException,
        ResponseTooLargeException,
        MalformedRecordException {

  IdempotencyException(String message, Throwable cause) {
    super(message, cause);
  }
}
