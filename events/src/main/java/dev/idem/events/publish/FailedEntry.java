package dev.idem.events.publish;

import java.util.Objects;

/**
 * An entry that never got through, and why.
 *
 * @param entry the entry as the caller passed it
 * @param errorCode the last error: the service's code (for example {@code ThrottlingException}),
 *     the exception's code or class for a failed call, or {@code EntryTooLarge} for an entry that
 *     was never sent
 * @param errorMessage the last error's message
 * @param attempts how many times it was sent; 0 if it never was
 * @param <E> the entry's type
 */
public record FailedEntry<E>(E entry, String errorCode, String errorMessage, int attempts) {

  public FailedEntry {
    Objects.requireNonNull(entry, "entry");
    Objects.requireNonNull(errorCode, "errorCode");
  }
}
