package dev.idem.local.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
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
 * of its own).
 *
 * {@snippet :
 * try (AsyncInvoker async = new AsyncInvoker(runtime, Map.of(), destinations, Clock.systemUTC(),
 *     AsyncDelays.LAMBDA, (function, result) -> {})) {
 *   String requestId = async.submit("Notify", "{}".getBytes(UTF_8));
 * }
 * }
 */
public final class AsyncInvoker implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(AsyncInvoker.class.getName());
  private static final String ARN_PREFIX = "arn:aws:lambda:us-east-1:000000000000:function:";
  private static final int MAX_ERROR_MESSAGE = 1024;

  /**
   * Counts so far.
   *
   * @param accepted events queued
   * @param succeeded events whose function returned a response
   * @param givenUp events given up on (retries exhausted or too old)
   */
  public record Stats(long accepted, long succeeded, long givenUp) {}

  private record Event(
      String function,
      String requestId,
      byte[] payload,
      Instant enqueued,
      int invokes,
      int throttles,
      InvocationResult last) {

    Event ran(InvocationResult result) {
      return new Event(function, requestId, payload, enqueued, invokes + 1, 0, result);
    }

    Event throttled() {
      return new Event(
          function,
          requestId,
          payload,
          enqueued,
          invokes,
          throttles + 1,
          InvocationResult.throttled());
    }
  }

  private final Invoker invoker;
  private final Map<String, AsyncConfig> configs;
  private final Clock clock;
  private final AsyncDelays delays;
  private final BiConsumer<String, InvocationResult> listener;
  private final ScheduledExecutorService queue;
  private final AtomicLong accepted = new AtomicLong();
  private final AtomicLong succeeded = new AtomicLong();
  private final AtomicLong givenUp = new AtomicLong();
  private volatile AsyncDestinations destinations;

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
    this.invoker = Objects.requireNonNull(invoker, "invoker");
    this.configs = Map.copyOf(configs);
    this.destinations = Objects.requireNonNull(destinations, "destinations");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.delays = Objects.requireNonNull(delays, "delays");
    this.listener = Objects.requireNonNull(listener, "listener");
    ScheduledThreadPoolExecutor executor =
        new ScheduledThreadPoolExecutor(1, Thread.ofVirtual().name("lambda-async-", 0).factory());
    executor.setRemoveOnCancelPolicy(true);
    this.queue = executor;
  }

  /** Routes records and dead letters through {@code newDestinations} from now on. */
  public void destinations(AsyncDestinations newDestinations) {
    this.destinations = Objects.requireNonNull(newDestinations, "destinations");
  }

  /**
   * Queues one event for {@code function} and returns at once.
   *
   * @return the request id (what {@code Invoke} answers in {@code x-amzn-RequestId})
   * @throws IllegalStateException when the queue is closed
   */
  public String submit(String function, byte[] payload) {
    if (queue.isShutdown()) {
      throw new IllegalStateException("The asynchronous queue is closed");
    }
    String requestId = UUID.randomUUID().toString();
    accepted.incrementAndGet();
    Event event = new Event(function, requestId, payload.clone(), clock.instant(), 0, 0, null);
    later(event, Duration.ZERO);
    return requestId;
  }

  /** Counts so far. */
  public Stats stats() {
    return new Stats(accepted.get(), succeeded.get(), givenUp.get());
  }

  /** Drops the events still queued or waiting for a retry. */
  @Override
  public void close() {
    queue.shutdownNow();
  }

  private void later(Event event, Duration delay) {
    try {
      // The timer thread only hands over: each attempt blocks a virtual thread of its own.
      queue.schedule(
          () ->
              Thread.ofVirtual()
                  .name("lambda-async " + event.function())
                  .start(() -> attempt(event)),
          delay.toNanos(),
          TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException closed) {
      LOG.log(
          System.Logger.Level.DEBUG,
          "Asynchronous event {0} of {1} dropped: the queue is closed",
          event.requestId(),
          event.function());
    }
  }

  private void attempt(Event event) {
    AsyncConfig config = configs.getOrDefault(event.function(), AsyncConfig.DEFAULT);
    if (Duration.between(event.enqueued(), clock.instant()).compareTo(config.maximumEventAge())
        > 0) {
      giveUp(event, config, DestinationRecord.EVENT_AGE_EXCEEDED);
      return;
    }
    InvocationResult result;
    try {
      result = invoker.invoke(event.function(), event.payload());
    } catch (IllegalArgumentException e) {
      givenUp.incrementAndGet();
      LOG.log(System.Logger.Level.WARNING, "Asynchronous event for a missing function dropped", e);
      return;
    } catch (IllegalStateException e) {
      // The runtime could not start an instance (or is closing): a system error, retried.
      result = InvocationResult.throttled();
    }
    switch (result.status()) {
      case THROTTLED -> later(event.throttled(), throttleWait(event.throttles()));
      case OK -> {
        listener.accept(event.function(), result);
        succeeded.incrementAndGet();
        report(config.onSuccess(), event.ran(result), DestinationRecord.SUCCESS);
      }
      case FUNCTION_ERROR -> {
        listener.accept(event.function(), result);
        Event failed = event.ran(result);
        if (failed.invokes() > config.maximumRetryAttempts()) {
          giveUp(failed, config, DestinationRecord.RETRIES_EXHAUSTED);
        } else {
          later(failed, failed.invokes() == 1 ? delays.firstRetry() : delays.secondRetry());
        }
      }
    }
  }

  private Duration throttleWait(int throttlesBefore) {
    Duration wait = delays.firstThrottleRetry().multipliedBy(1L << Math.min(throttlesBefore, 20));
    return wait.compareTo(delays.longestThrottleRetry()) > 0 ? delays.longestThrottleRetry() : wait;
  }

  private void giveUp(Event event, AsyncConfig config, String condition) {
    givenUp.incrementAndGet();
    report(config.onFailure(), event, condition);
    if (config.deadLetterArn() != null) {
      try {
        destinations.deadLetter(config.deadLetterArn(), event.payload(), deadLetter(event));
      } catch (Exception e) {
        LOG.log(
            System.Logger.Level.WARNING,
            "The dead-letter queue "
                + config.deadLetterArn()
                + " of "
                + event.function()
                + " refused an event",
            e);
      }
    }
    if (config.onFailure() == null && config.deadLetterArn() == null) {
      LOG.log(
          System.Logger.Level.WARNING,
          "Asynchronous event {0} of {1} given up on ({2}); no OnFailure destination or dead-letter queue",
          event.requestId(),
          event.function(),
          condition);
    }
  }

  private void report(String arn, Event event, String condition) {
    if (arn == null) {
      return;
    }
    try {
      destinations.record(
          arn,
          DestinationRecord.of(
              clock.instant(),
              event.requestId(),
              ARN_PREFIX + event.function(),
              condition,
              event.invokes(),
              event.payload(),
              event.last()),
          condition.equals(DestinationRecord.SUCCESS));
    } catch (Exception e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "The destination " + arn + " of " + event.function() + " refused a record",
          e);
    }
  }

  private static AsyncDestinations.DeadLetter deadLetter(Event event) {
    InvocationResult last = event.last();
    boolean ran = last != null && last.status() != InvocationResult.Status.THROTTLED;
    String message =
        ran ? errorMessage(last) : "Rate Exceeded. (the event expired while throttled)";
    return new AsyncDestinations.DeadLetter(event.requestId(), ran ? 200 : 429, message);
  }

  private static String errorMessage(InvocationResult result) {
    JsonNode error = DestinationRecord.json(result.payload());
    String message =
        error.path("errorMessage").asText(new String(result.payload(), StandardCharsets.UTF_8));
    return message.length() > MAX_ERROR_MESSAGE ? message.substring(0, MAX_ERROR_MESSAGE) : message;
  }
}
