package dev.idem.local.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import dev.idem.local.retry.Backoff;
import dev.idem.testing.LocalAccount;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/**
 * The retry loop behind {@link AsyncInvoker}: each attempt, the waits before retrying a function
 * error or a throttle, the event-age limit, and the hand-over of records and dead letters to the
 * destinations. Every thread it starts is tracked, so {@link #close()} leaves none behind: a local
 * cloud that stops (or a test that ends) must not keep invoking functions it no longer owns.
 */
final class AsyncRetryLoop implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(AsyncRetryLoop.class.getName());
  private static final String ARN_PREFIX = LocalAccount.arn("lambda", "function:");
  private static final int MAX_ERROR_MESSAGE = 1024;

  /** One event's way through the queue: the attempts so far and the last one's result. */
  record Event(
      String function,
      String requestId,
      byte[] payload,
      Instant enqueued,
      int invokes,
      int throttles,
      InvocationResult last,
      InvocationSource source) {

    Event ran(InvocationResult result) {
      return new Event(function, requestId, payload, enqueued, invokes + 1, 0, result, source);
    }

    Event throttled() {
      return new Event(
          function,
          requestId,
          payload,
          enqueued,
          invokes,
          throttles + 1,
          InvocationResult.throttled(),
          source);
    }
  }

  private final Invoker invoker;
  private final Map<String, AsyncConfig> configs;
  private final Clock clock;
  private final AsyncDelays delays;
  private final Backoff throttleBackoff;
  private final BiConsumer<String, InvocationResult> listener;
  private final Duration closeGrace;
  private final ScheduledThreadPoolExecutor timer;
  private final Set<Thread> timerThreads = ConcurrentHashMap.newKeySet();
  private final Set<Thread> attempts = ConcurrentHashMap.newKeySet();
  private final AtomicLong succeeded = new AtomicLong();
  private final AtomicLong givenUp = new AtomicLong();
  private volatile AsyncDestinations destinations;
  private boolean closed; // guarded by this, so no attempt starts once close() has begun

  /**
   * @param closeGrace how long {@link #close()} lets running attempts finish before interrupting
   *     them (and again before giving up on them)
   */
  AsyncRetryLoop(
      Invoker invoker,
      Map<String, AsyncConfig> configs,
      AsyncDestinations destinations,
      Clock clock,
      AsyncDelays delays,
      BiConsumer<String, InvocationResult> listener,
      Duration closeGrace) {
    this.invoker = invoker;
    this.configs = Map.copyOf(configs);
    this.destinations = destinations;
    this.clock = clock;
    this.delays = delays;
    // Lambda's throttle waits have no jitter: the ceiling of the project's one backoff.
    this.throttleBackoff = new Backoff(delays.firstThrottleRetry(), delays.longestThrottleRetry());
    this.listener = listener;
    this.closeGrace = closeGrace;
    ThreadFactory virtual = Thread.ofVirtual().name("lambda-async-", 0).factory();
    this.timer =
        new ScheduledThreadPoolExecutor(
            1,
            task -> {
              Thread thread = virtual.newThread(task);
              timerThreads.add(thread);
              return thread;
            });
    timer.setRemoveOnCancelPolicy(true);
  }

  void destinations(AsyncDestinations newDestinations) {
    this.destinations = newDestinations;
  }

  boolean isClosed() {
    return timer.isShutdown();
  }

  /** Queues a new event's first attempt; its attempts are told to come from {@code source}. */
  void enqueue(String function, String requestId, byte[] payload, InvocationSource source) {
    later(
        new Event(function, requestId, payload, clock.instant(), 0, 0, null, source),
        Duration.ZERO);
  }

  long succeeded() {
    return succeeded.get();
  }

  long givenUp() {
    return givenUp.get();
  }

  /** Attempts running now (each on a thread of its own). */
  int inFlight() {
    return attempts.size();
  }

  /**
   * Stops scheduling (events waiting for their first attempt or a retry are dropped), lets running
   * attempts finish for up to the grace, interrupts those still running, and returns once every
   * thread of the loop has ended (or logs the ones that ignored the interrupt for another grace).
   */
  @Override
  public void close() {
    synchronized (this) {
      closed = true;
    }
    timer.shutdownNow();
    long deadline = System.nanoTime() + closeGrace.toNanos();
    if (!joinAll(attempts, deadline)) {
      attempts.forEach(Thread::interrupt);
      deadline = System.nanoTime() + closeGrace.toNanos();
      joinAll(attempts, deadline);
    }
    joinAll(timerThreads, System.nanoTime() + closeGrace.toNanos());
    List<String> left = attempts.stream().filter(Thread::isAlive).map(Thread::getName).toList();
    if (!left.isEmpty()) {
      LOG.log(
          System.Logger.Level.WARNING,
          "Asynchronous attempts still running after close (they ignored the interrupt): {0}",
          left);
    }
  }

  /** Joins {@code threads} until {@code deadline}; true when all ended. */
  private static boolean joinAll(Set<Thread> threads, long deadline) {
    try {
      for (Thread thread : List.copyOf(threads)) {
        long left = deadline - System.nanoTime();
        if (left <= 0 || !thread.join(Duration.ofNanos(left))) {
          return false;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
    return true;
  }

  private void later(Event event, Duration delay) {
    try {
      // The timer thread only hands over: each attempt blocks a virtual thread of its own.
      timer.schedule(() -> start(event), delay.toNanos(), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException closing) {
      dropped(event);
    }
  }

  private synchronized void start(Event event) {
    if (closed) {
      dropped(event);
      return;
    }
    Thread thread =
        Thread.ofVirtual()
            .name("lambda-async " + event.function())
            .unstarted(() -> {
              try {
                attempt(event);
              } finally {
                attempts.remove(Thread.currentThread());
              }
            });
    attempts.add(thread);
    thread.start();
  }

  private static void dropped(Event event) {
    LOG.log(
        System.Logger.Level.DEBUG,
        "Asynchronous event {0} of {1} dropped: the queue is closed",
        event.requestId(),
        event.function());
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
      result =
          invoker.invoke(
              event.function(), event.payload(), event.source().attempt(event.invokes() + 1));
    } catch (IllegalArgumentException e) {
      givenUp.incrementAndGet();
      LOG.log(System.Logger.Level.WARNING, "Asynchronous event for a missing function dropped", e);
      return;
    } catch (IllegalStateException e) {
      // The runtime could not start an instance (or is closing): a system error, retried.
      result = InvocationResult.throttled();
    }
    switch (result.status()) {
      case THROTTLED -> later(event.throttled(), throttleBackoff.ceiling(event.throttles()));
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
