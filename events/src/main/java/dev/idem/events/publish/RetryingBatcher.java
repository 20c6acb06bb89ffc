package dev.idem.events.publish;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToIntFunction;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Packs entries into calls within a service's limits and retries the entries that failed.
 *
 * <p>Each round sends every pending entry once, in calls of at most {@code maxEntries} entries and
 * {@code maxBytes} bytes, then keeps only the entries whose failure is retryable, waits, and packs
 * them anew. An entry that fails for good, or is still failing after the last attempt, goes to the
 * result with its last error: nothing leaves this loop unaccounted for.
 */
final class RetryingBatcher<E> {

  /** Sends one call's entries; returns one outcome per entry, in the entries' order. */
  @FunctionalInterface
  interface Transport<E> {
    List<Outcome> send(List<E> batch);
  }

  private record Pending<E>(int index, E entry, int size, Outcome.Failed lastError) {
    Pending<E> failedWith(Outcome.Failed error) {
      return new Pending<>(index, entry, size, error);
    }
  }

  private record Indexed<E>(int index, FailedEntry<E> failure) {}

  private final int maxEntries;
  private final int maxBytes;
  private final ToIntFunction<E> sizer;
  private final RetryPolicy policy;

  RetryingBatcher(int maxEntries, int maxBytes, ToIntFunction<E> sizer, RetryPolicy policy) {
    this.maxEntries = maxEntries;
    this.maxBytes = maxBytes;
    this.sizer = sizer;
    this.policy = policy;
  }

  BatchResult<E> run(List<E> entries, Transport<E> transport) {
    List<Indexed<E>> failed = new ArrayList<>();
    List<Pending<E>> pending = admit(entries, failed);
    int sent = 0;
    for (int attempt = 1; !pending.isEmpty(); attempt++) {
      List<Pending<E>> retry = new ArrayList<>();
      for (List<Pending<E>> batch : pack(pending)) {
        sent += sendOnce(batch, attempt, transport, retry, failed);
      }
      pending = retry;
      if (!pending.isEmpty() && !pause(attempt)) {
        for (Pending<E> p : pending) {
          failed.add(give(p, attempt, " (retry interrupted)"));
        }
        break;
      }
    }
    failed.sort(Comparator.comparingInt(Indexed::index));
    return new BatchResult<>(sent, failed.stream().map(Indexed::failure).toList());
  }

  private List<Pending<E>> admit(List<E> entries, List<Indexed<E>> failed) {
    List<Pending<E>> pending = new ArrayList<>(entries.size());
    for (int i = 0; i < entries.size(); i++) {
      E entry = entries.get(i);
      int size = sizer.applyAsInt(entry);
      if (size > maxBytes) {
        String message =
            "The entry is " + size + " bytes; one call carries at most " + maxBytes + " bytes";
        failed.add(new Indexed<>(i, new FailedEntry<>(entry, "EntryTooLarge", message, 0)));
      } else {
        pending.add(new Pending<>(i, entry, size, null));
      }
    }
    return pending;
  }

  private List<List<Pending<E>>> pack(List<Pending<E>> pending) {
    List<List<Pending<E>>> batches = new ArrayList<>();
    List<Pending<E>> batch = new ArrayList<>();
    int bytes = 0;
    for (Pending<E> p : pending) {
      if (batch.size() == maxEntries || bytes + p.size() > maxBytes) {
        batches.add(batch);
        batch = new ArrayList<>();
        bytes = 0;
      }
      batch.add(p);
      bytes += p.size();
    }
    batches.add(batch);
    return batches;
  }

  private int sendOnce(
      List<Pending<E>> batch,
      int attempt,
      Transport<E> transport,
      List<Pending<E>> retry,
      List<Indexed<E>> failed) {
    List<Outcome> outcomes = call(batch, transport);
    int sent = 0;
    for (int i = 0; i < batch.size(); i++) {
      Pending<E> p = batch.get(i);
      if (outcomes.get(i) instanceof Outcome.Failed error) {
        if (error.retryable() && attempt < policy.maxAttempts()) {
          retry.add(p.failedWith(error));
        } else {
          failed.add(give(p.failedWith(error), attempt, ""));
        }
      } else {
        sent++;
      }
    }
    return sent;
  }

  private List<Outcome> call(List<Pending<E>> batch, Transport<E> transport) {
    try {
      List<Outcome> outcomes = transport.send(batch.stream().map(Pending::entry).toList());
      if (outcomes.size() != batch.size()) {
        throw new IllegalStateException(outcomes.size() + " outcomes for " + batch.size());
      }
      return outcomes;
    } catch (SdkException e) {
      Outcome.Failed error = Outcome.of(e);
      return batch.stream().<Outcome>map(p -> error).toList();
    }
  }

  private boolean pause(int attempt) {
    try {
      policy.sleeper().sleep(policy.delayAfter(attempt));
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static <E> Indexed<E> give(Pending<E> p, int attempts, String note) {
    Outcome.Failed error = p.lastError();
    return new Indexed<>(
        p.index(), new FailedEntry<>(p.entry(), error.code(), error.message() + note, attempts));
  }
}
