package dev.idem.events.publish;

import java.util.List;

/**
 * The outcome of publishing a list of entries: how many got through, and every one that did not.
 *
 * @param sent how many entries the service accepted
 * @param failed the entries it never accepted, in the order they were given, each with its last
 *     error
 * @param <E> the entry's type
 */
public record BatchResult<E>(int sent, List<FailedEntry<E>> failed) {

  public BatchResult {
    failed = List.copyOf(failed);
  }

  /** Whether every entry got through. */
  public boolean allSent() {
    return failed.isEmpty();
  }
}
