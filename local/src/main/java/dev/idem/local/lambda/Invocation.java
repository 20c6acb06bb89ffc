package dev.idem.local.lambda;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One invocation handed to one instance: its request id and payload, the moment the instance took
 * it (its deadline runs from there, as Lambda's does), and the first outcome to arrive — a
 * response, an error, the instance's exit or the timeout, whichever comes first wins.
 */
final class Invocation {

  final String requestId = UUID.randomUUID().toString();
  final byte[] payload;
  private final Duration timeout;
  private final CompletableFuture<Void> handedOver = new CompletableFuture<>();
  private final CompletableFuture<Outcome> done = new CompletableFuture<>();
  private volatile long handedOverNanos;
  private volatile long deadlineEpochMs;
  private volatile long logPosition = -1;

  Invocation(byte[] payload, Duration timeout) {
    this.payload = payload;
    this.timeout = timeout;
  }

  /** Called when the instance's runtime client takes this invocation from {@code /next}. */
  void handOver(long logPositionNow) {
    logPosition = logPositionNow;
    handedOverNanos = System.nanoTime();
    deadlineEpochMs = System.currentTimeMillis() + timeout.toMillis();
    handedOver.complete(null);
  }

  boolean finish(Outcome outcome) {
    return done.complete(outcome);
  }

  long deadlineEpochMs() {
    return deadlineEpochMs;
  }

  /** Where the instance's log stood when it took this invocation; -1 if it never did. */
  long logPosition() {
    return logPosition;
  }

  boolean wasHandedOver() {
    return handedOver.isDone();
  }

  long handedOverNanos() {
    return handedOverNanos;
  }

  /** Waits until the instance takes the invocation or it ends otherwise; false when neither. */
  boolean awaitHandOver(Duration max) throws InterruptedException {
    return await(CompletableFuture.anyOf(handedOver, done), max.toNanos());
  }

  /** Waits until an outcome arrives or the deadline passes; null when it passed. */
  Outcome awaitOutcome() throws InterruptedException {
    long remaining = handedOverNanos + timeout.toNanos() - System.nanoTime();
    return await(done, remaining) ? done.join() : null;
  }

  Outcome outcome() {
    return done.join();
  }

  /** Waits until an outcome arrives; false when none did within {@code max}. */
  boolean awaitEnd(Duration max) throws InterruptedException {
    return await(done, max.toNanos());
  }

  private static boolean await(CompletableFuture<?> future, long nanos)
      throws InterruptedException {
    try {
      future.get(Math.max(nanos, 0), TimeUnit.NANOSECONDS);
      return true;
    } catch (TimeoutException e) {
      return future.isDone();
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }
}
