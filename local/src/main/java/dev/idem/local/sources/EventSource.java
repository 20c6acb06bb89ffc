package dev.idem.local.sources;

import java.time.Duration;

/**
 * The lifecycle every event source mapping shares, so the local cloud starts, lists and stops them
 * alike and a new kind of source writes only what differs:
 *
 * <ol>
 *   <li><b>start</b>: the source's factory checks what it reads (a queue that does not exist, a
 *       stream that cannot be described fail the start, before any thread runs) and then calls
 *       {@link #startPolling()};
 *   <li><b>poll</b>: one virtual thread calls {@link #poll()} until the source stops; a round finds
 *       work (receives messages, lists shards) and hands it to the threads that <b>invoke</b> the
 *       function ({@link Invocations}, with {@link Backoff} on throttles) and <b>checkpoint</b> (an
 *       SQS source deletes what succeeded; a stream source moves its shard's position past it);
 *   <li><b>stop</b>: {@link #close(Duration)} sets the {@link StopSignal} that every thread of the
 *       source pauses on, so waits end at once, then waits for the poller and for the work in
 *       flight ({@link #awaitInFlight(long)}).
 * </ol>
 *
 * {@snippet :
 * try (EventSource source = SqsEventSource.start(config, sqsClient, SourceContext.of(lambda))) {
 *   System.out.println(source.description()); // sqs payments -> CapturePayment
 * }
 * }
 */
public abstract class EventSource implements AutoCloseable {

  /** How long {@link #close()} waits for work in flight. */
  public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(10);

  private final String description;
  private final StopSignal stop = new StopSignal();
  private final Thread poller;

  /**
   * A source not yet polling.
   *
   * @param description what feeds what, e.g. {@code sqs payments -> CapturePayment}
   * @param pollerName the poller thread's name
   */
  protected EventSource(String description, String pollerName) {
    this.description = description;
    this.poller = Thread.ofVirtual().name(pollerName).unstarted(this::pollUntilStopped);
  }

  /** What feeds what, one line, e.g. {@code dynamodb stream Orders -> OrderEventsRelay}. */
  public final String description() {
    return description;
  }

  /** The signal {@link #close(Duration)} sets; the source's threads pause on it. */
  protected final StopSignal stopSignal() {
    return stop;
  }

  /** Starts the poller; called once by the source's factory when its checks passed. */
  protected final void startPolling() {
    poller.start();
  }

  /**
   * One round of the poller; it should return within about a second once the source stops.
   *
   * @throws InterruptedException to end the poller
   */
  protected abstract void poll() throws InterruptedException;

  /** Wakes a poller waiting on something other than the stop signal; nothing by default. */
  protected void wake() {}

  /**
   * Waits for the work handed out by the poller to end.
   *
   * @param deadlineNanos the {@link System#nanoTime()} to give up at
   * @return true when all of it ended in time
   */
  protected abstract boolean awaitInFlight(long deadlineNanos) throws InterruptedException;

  /** Stops and waits up to {@link #DEFAULT_CLOSE_TIMEOUT} for work in flight. */
  @Override
  public final void close() {
    close(DEFAULT_CLOSE_TIMEOUT);
  }

  /**
   * Stops at once (no new work starts; retries and throttle waits end) and waits for the poller and
   * the work in flight. Idempotent.
   *
   * @param timeout how long to wait for work in flight
   * @return true when everything ended in time
   */
  public final boolean close(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    stop.stop();
    wake();
    try {
      boolean polled = poller.join(remaining(deadline));
      return awaitInFlight(deadline) && polled;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** What is left until {@code deadlineNanos}, never negative. */
  protected static Duration remaining(long deadlineNanos) {
    return Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime()));
  }

  private void pollUntilStopped() {
    try {
      while (!stop.stopped()) {
        poll();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
