package dev.idem.local.lambda;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/**
 * Asynchronous invocation as Lambda runs it ("Invoking a Lambda function asynchronously" and "How
 * Lambda handles errors and retries with asynchronous invocation", AWS Lambda Developer Guide): an
 * event is accepted at once and queued; it runs when an instance is free. A function error is
 * retried {@link AsyncConfig#maximumRetryAttempts()} times (two by default), after {@link
 * AsyncDelays#firstRetry()} and then {@link AsyncDelays#secondRetry()}; a throttled invocation is
 * tried again with a growing wait until the event is older than {@link
 * AsyncConfig#maximumEventAge()}. A success sends Lambda's invocation record to the {@code
 * OnSuccess} destination; an event given up on (retries exhausted, or too old) sends it to {@code
 * OnFailure}, and the event itself to the function's dead-letter queue.
 *
 * <p>Locally the queue never drops events for being long, and the request id in records and
 * dead-letter attributes is the one {@code Invoke} answered with (each attempt's handler sees an id
 * of its own). The retry loop itself is {@code AsyncRetryLoop}; closing this queue ends every
 * thread it started.
 *
 * {@snippet :
 * try (AsyncInvoker async = new AsyncInvoker(runtime, Map.of(), destinations, Clock.systemUTC(),
 *     AsyncDelays.LAMBDA, (function, result) -> {})) {
 *   String requestId = async.submit("Notify", "{}".getBytes(UTF_8));
 * }
 * }
 */
public final class AsyncInvoker implements AutoCloseable {

  /** How long {@link #close()} lets running attempts finish before interrupting them. */
  static final Duration CLOSE_GRACE = Duration.ofSeconds(2);

  /**
   * Counts so far.
   *
   * @param accepted events queued
   * @param succeeded events whose function returned a response
   * @param givenUp events given up on (retries exhausted or too old)
   */
  public record Stats(long accepted, long succeeded, long givenUp) {}

  private final AsyncRetryLoop loop;
  private final AtomicLong accepted = new AtomicLong();

  /**
   * A queue in front of {@code invoker}.
   *
   * @param configs each function's settings by name; others take {@link AsyncConfig#DEFAULT}
   * @param destinations where records and dead letters go (may be set later, see {@link
   *     #destinations(AsyncDestinations)})
   * @param clock measures the events' age
   * @param listener receives the function name and result of every attempt that ran
   */
  public AsyncInvoker(
      Invoker invoker,
      Map<String, AsyncConfig> configs,
      AsyncDestinations destinations,
      Clock clock,
      AsyncDelays delays,
      BiConsumer<String, InvocationResult> listener) {
    this.loop =
        new AsyncRetryLoop(
            Objects.requireNonNull(invoker, "invoker"),
            configs,
            Objects.requireNonNull(destinations, "destinations"),
            Objects.requireNonNull(clock, "clock"),
            Objects.requireNonNull(delays, "delays"),
            Objects.requireNonNull(listener, "listener"),
            CLOSE_GRACE);
  }

  /** Routes records and dead letters through {@code newDestinations} from now on. */
  public void destinations(AsyncDestinations newDestinations) {
    loop.destinations(Objects.requireNonNull(newDestinations, "destinations"));
  }

  /**
   * Queues one event for {@code function} and returns at once.
   *
   * @return the request id (what {@code Invoke} answers in {@code x-amzn-RequestId})
   * @throws IllegalStateException when the queue is closed
   */
  public String submit(String function, byte[] payload) {
    return submit(function, payload, InvocationSource.of(InvocationSource.ASYNC, null, null));
  }

  /**
   * {@link #submit(String, byte[])}, its attempts told to come from {@code source} (an EventBridge
   * rule, a schedule); its trigger is the request id unless {@code source} names one.
   */
  public String submit(String function, byte[] payload, InvocationSource source) {
    if (loop.isClosed()) {
      throw new IllegalStateException("The asynchronous queue is closed");
    }
    String requestId = UUID.randomUUID().toString();
    accepted.incrementAndGet();
    loop.enqueue(function, requestId, payload.clone(), source.triggeredBy(requestId));
    return requestId;
  }

  /** Counts so far. */
  public Stats stats() {
    return new Stats(accepted.get(), loop.succeeded(), loop.givenUp());
  }

  /** Attempts running now, each on a thread the queue tracks. */
  public int inFlight() {
    return loop.inFlight();
  }

  /**
   * Drops the events still queued or waiting for a retry, waits (up to two seconds) for the
   * attempts running, interrupts those still running, and returns when their threads have ended.
   */
  @Override
  public void close() {
    loop.close();
  }
}
