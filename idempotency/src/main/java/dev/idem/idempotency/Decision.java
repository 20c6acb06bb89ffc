package dev.idem.idempotency;

/** What the library decided for one call. */
public enum Decision {
  /** The key was free: the work ran and its response was stored. */
  FIRST_EXECUTION,
  /** A holder's lease had expired: this call took the key over and ran the work. */
  LEASE_TAKEOVER,
  /** The stored response was returned from the store; the work did not run. */
  REPLAY,
  /** The stored response was returned from this container's cache: no store call. */
  CACHE_HIT,
  /** Another invocation holds the key; the caller got an {@link InFlightException}. */
  IN_FLIGHT,
  /** The key came with another payload; the caller got a {@link PayloadMismatchException}. */
  PAYLOAD_MISMATCH,
  /** The work failed or returned a retryable response; the key was released for a retry. */
  RELEASED,
  /** The work ran, but another invocation had taken the key over; its record was kept. */
  LEASE_LOST,
  /** The work ran, but the store could not record it; the key stays held until its lease ends. */
  COMPLETION_FAILED
}
